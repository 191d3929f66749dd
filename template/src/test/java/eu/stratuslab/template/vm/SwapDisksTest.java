package eu.stratuslab.template.vm;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.template.VectorAttribute;
import org.junit.Test;

public class SwapDisksTest {

    private static VectorAttribute disk(String... kv) {
        VectorAttribute d = new VectorAttribute("DISK");
        for (int i = 0; i < kv.length; i += 2) {
            d.put(kv[i], kv[i + 1]);
        }
        return d;
    }

    @Test
    public void swapWithoutSizeOrZeroIsSkipped() {
        assertTrue(SwapDisks.isSkipped(disk("TYPE", "swap")));
        assertTrue(SwapDisks.isSkipped(disk("TYPE", "swap", "SIZE", "")));
        assertTrue(SwapDisks.isSkipped(disk("TYPE", "swap", "SIZE", "0")));
        assertTrue(SwapDisks.isSkipped(disk("TYPE", "SWAP", "SIZE", " 00 ")));
    }

    @Test
    public void otherDisksAreNotSkipped() {
        assertFalse(SwapDisks.isSkipped(disk("TYPE", "swap", "SIZE", "512")));
        assertFalse(SwapDisks.isSkipped(disk("TYPE", "fs", "SIZE", "0")));
        assertFalse(SwapDisks.isSkipped(disk("SOURCE", "x")));
        assertFalse(SwapDisks.isSkipped(disk("TYPE", "swap", "SIZE", "abc")));
    }
}
