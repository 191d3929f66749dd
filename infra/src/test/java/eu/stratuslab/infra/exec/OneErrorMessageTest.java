package eu.stratuslab.infra.exec;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class OneErrorMessageTest {
    @Test
    public void textBetweenTheMarkersIsTheMessage() {
        String out = "noise\nERROR MESSAGE --8<------\nprepare.sh: disk full\nsecond line\nERROR MESSAGE ------>8--\nmore\n";
        assertEquals("prepare.sh: disk full\nsecond line", OneErrorMessage.extract(out));
    }

    @Test
    public void withoutMarkersTheWholeOutputCounts() {
        assertEquals("plain failure", OneErrorMessage.extract("  plain failure \n"));
    }

    @Test
    public void formatRoundTrips() {
        assertEquals("x: y", OneErrorMessage.extract(OneErrorMessage.format("x: y")));
    }
}
