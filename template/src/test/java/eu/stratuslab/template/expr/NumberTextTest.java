package eu.stratuslab.template.expr;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class NumberTextTest {

    @Test
    public void leadingLong() {
        assertEquals(0, NumberText.leadingLong(null));
        assertEquals(0, NumberText.leadingLong(""));
        assertEquals(0, NumberText.leadingLong("abc"));
        assertEquals(42, NumberText.leadingLong(" 42"));
        assertEquals(-7, NumberText.leadingLong("-7x"));
        assertEquals(3, NumberText.leadingLong("3.9"));
        assertEquals(Long.MAX_VALUE, NumberText.leadingLong("99999999999999999999999"));
    }

    @Test
    public void leadingDouble() {
        assertEquals(0.0, NumberText.leadingDouble(null), 0);
        assertEquals(0.0, NumberText.leadingDouble("x1"), 0);
        assertEquals(0.5, NumberText.leadingDouble("0.5"), 0);
        assertEquals(0.5, NumberText.leadingDouble(".5"), 0);
        assertEquals(5.0, NumberText.leadingDouble("5."), 0);
        assertEquals(-1.25, NumberText.leadingDouble("-1.25GB"), 0);
        assertEquals(1500.0, NumberText.leadingDouble("1.5e3"), 0);
        assertEquals(1.5, NumberText.leadingDouble("1.5e"), 0);
        assertEquals(0.1, NumberText.leadingDouble("0.1"), 0);
        assertEquals(123456789.123456789, NumberText.leadingDouble("123456789.123456789"), 1e-6);
        assertEquals(0.0, NumberText.leadingDouble("-"), 0);
        assertEquals(0.0, NumberText.leadingDouble("."), 0);
    }
}
