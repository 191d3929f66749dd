package eu.stratuslab.infra.config;

import static org.junit.Assert.assertEquals;

import java.util.OptionalInt;
import org.junit.Test;

public class WholeNumbersTest {
    @Test
    public void numbersAtLeastTheMinimumAreRead() {
        assertEquals(OptionalInt.of(0), WholeNumbers.atLeast("0", 0));
        assertEquals(OptionalInt.of(42), WholeNumbers.atLeast("42", 1));
        assertEquals(OptionalInt.of(-3), WholeNumbers.atLeast("-3", -3));
        assertEquals(OptionalInt.of(Integer.MAX_VALUE), WholeNumbers.atLeast("2147483647", 0));
    }

    @Test
    public void anythingElseIsEmpty() {
        assertEquals(OptionalInt.empty(), WholeNumbers.atLeast(null, 0));
        assertEquals(OptionalInt.empty(), WholeNumbers.atLeast("", 0));
        assertEquals(OptionalInt.empty(), WholeNumbers.atLeast("-1", 0));
        assertEquals(OptionalInt.empty(), WholeNumbers.atLeast("0", 1));
        assertEquals(OptionalInt.empty(), WholeNumbers.atLeast("1.5", 0));
        assertEquals(OptionalInt.empty(), WholeNumbers.atLeast(" 7", 0));
        assertEquals(OptionalInt.empty(), WholeNumbers.atLeast("2147483648", 0));
        assertEquals(OptionalInt.empty(), WholeNumbers.atLeast("seven", 0));
    }
}
