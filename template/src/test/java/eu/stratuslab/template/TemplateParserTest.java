package eu.stratuslab.template;

import static eu.stratuslab.template.TemplateAssert.assertSingles;
import static eu.stratuslab.template.TemplateAssert.assertVector;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import org.junit.Test;

/** The syntax rules of template.md §1 and the parser test cases listed there. */
public class TemplateParserTest {

    private static Template parse(String text) throws TemplateParseException {
        return TemplateParser.parse(text);
    }

    /** {@code text} parses to a template whose single attribute {@code name} is {@code value}. */
    private static void assertSingle(String text, String name, String value) throws TemplateParseException {
        assertEquals(value, parse(text).getString(name));
    }

    private static TemplateParseException parseError(String text) {
        try {
            Template t = TemplateParser.parse(text);
            fail("expected a parse error, got " + t.attributes());
            return null;
        } catch (TemplateParseException e) {
            return e;
        }
    }

    @Test
    public void multiLineQuotedValueEndingInNewline() throws Exception {
        Template t = parse("CONTEXT = [\npublic_key = \"ssh-rsa AAAA user@host\n\",\n\ntarget = \"hdd\"\n]\n");
        VectorAttribute c = t.firstVector("CONTEXT");
        assertEquals("ssh-rsa AAAA user@host\n", c.get("PUBLIC_KEY"));
        assertEquals("hdd", c.get("TARGET"));
    }

    @Test
    public void unquotedValuesWithColonsAndSlashes() throws Exception {
        Template t = parse("DISK=[\n  SOURCE=pdisk:https://cloud.example.com/pdisk/0f1e2d3c-4b5a-6978,\n  TARGET=hdc,\n  TYPE=block ]\n");
        assertVector(t.firstVector("DISK"),
                "SOURCE", "pdisk:https://cloud.example.com/pdisk/0f1e2d3c-4b5a-6978", "TARGET", "hdc", "TYPE", "block");
    }

    @Test
    public void commaLineFollowedByBlankLineInsideVector() throws Exception {
        Template t = parse("CONTEXT = [\na = \"v\",\n\nb = \"w\"\n]");
        assertVector(t.firstVector("CONTEXT"), "A", "v", "B", "w");
    }

    @Test
    public void spaceBeforeComma() throws Exception {
        Template t = parse("NIC = [ network_uname=oneadmin,network = \"local\" ,\nIP = \"10.1.2.3\",\nMODEL = \"virtio\"]\n");
        VectorAttribute nic = t.firstVector("NIC");
        assertVector(nic, "NETWORK_UNAME", "oneadmin", "NETWORK", "local", "IP", "10.1.2.3", "MODEL", "virtio");
        assertEquals(List.of("NETWORK_UNAME", "NETWORK", "IP", "MODEL"), List.copyOf(nic.values().keySet()));
    }

    @Test
    public void floatsNegativeNumbersAndZero() throws Exception {
        Template t = parse("CPU = 0.5\nGRAPHICS = [ port = \"-1\" ]\nDISK = [ size = 0, x = -2 ]\nY = -1\n");
        assertSingles(t, "CPU", "0.5", "Y", "-1");
        assertVector(t.firstVector("GRAPHICS"), "PORT", "-1");
        assertVector(t.firstVector("DISK"), "SIZE", "0", "X", "-2");
    }

    @Test
    public void keysInMixedCaseAreUpperCased() throws Exception {
        Template t = parse("disk = [ source = a, TARGET = b, ReadOnly = c ]");
        VectorAttribute d = t.firstVector("DISK");
        assertEquals("DISK", d.name());
        assertEquals(List.of("SOURCE", "TARGET", "READONLY"), List.copyOf(d.values().keySet()));
    }

    @Test
    public void escapedQuoteIsUnescapedOtherBackslashesKept() throws Exception {
        Template t = parse("REQUIREMENTS = \"CLUSTER = \\\"test\\\"\"\nRAW = \"a\\<b\\>c\\\\d\"\n");
        assertSingles(t, "REQUIREMENTS", "CLUSTER = \"test\"", "RAW", "a\\<b\\>c\\\\d");
    }

    @Test
    public void commentAtTopAndTrailingComments() throws Exception {
        Template t = parse("# ---- Stratuslab VM template ----\n\nCPU = 1 # one cpu\n   # indented comment\nMEMORY = 512\n");
        assertSingles(t, "CPU", "1", "MEMORY", "512");
        assertEquals(2, t.size());
    }

    @Test
    public void caseIsKeptInValues() throws Exception {
        assertSingle("NAME = MyVm", "NAME", "MyVm");
        assertSingle("NAME = \"Two Words\"", "NAME", "Two Words");
    }

    @Test
    public void namesAreNormalised() throws Exception {
        Template t = parse("1abc = x\nxmlfoo = y\n_u = z\nXmL = w\nV = [ 9k = a, xmlk = b, k = c ]\n");
        assertSingles(t, "ONE_1ABC", "x", "ONE_XMLFOO", "y", "ONE__U", "z", "ONE_XML", "w");
        VectorAttribute v = t.firstVector("V");
        assertEquals(List.of("ONE_9K", "ONE_XMLK", "K"), List.copyOf(v.values().keySet()));
    }

    @Test
    public void repeatedTopLevelNamesAreAllKeptInOrder() throws Exception {
        Template t = parse("DISK = [ A = 1 ]\nNIC = [ N = 1 ]\nDISK = [ A = 2 ]\nDISK = [ A = 3 ]\n");
        List<VectorAttribute> disks = t.vectors("DISK");
        assertEquals(List.of("1", "2", "3"), disks.stream().map(d -> d.get("A")).toList());
        assertEquals("DISK", t.attributes().get(0).name());
        assertEquals("NIC", t.attributes().get(1).name());
    }

    @Test
    public void repeatedKeyInsideVectorKeepsFirstValue() throws Exception {
        Template t = parse("V = [ k = first, K = second, k = third ]");
        assertEquals("first", t.firstVector("V").get("K"));
        assertEquals(1, t.firstVector("V").values().size());
    }

    @Test
    public void emptySingleValueAtEndOfLine() throws Exception {
        Template t = parse("NAME =\nCPU = 1\nX =   \t\n");
        assertSingles(t, "NAME", "", "CPU", "1", "X", "");
    }

    @Test
    public void emptyQuotedVectorValue() throws Exception {
        Template t = parse("CREATE_IMAGE = [\nNEWIMAGE_MARKETPLACE = \"\",\nCREATOR_NAME = \"Alice A\"\n]\nN = \"\"\n");
        assertVector(t.firstVector("CREATE_IMAGE"), "NEWIMAGE_MARKETPLACE", "", "CREATOR_NAME", "Alice A");
        assertSingles(t, "N", "");
    }

    @Test
    public void trailingCommaBeforeClosingBracket() throws Exception {
        Template t = parse("V = [\n a = 1,\n b = 2,\n]\nW = [ c = 3 , ]");
        assertEquals("2", t.firstVector("V").get("B"));
        assertEquals("3", t.firstVector("W").get("C"));
    }

    @Test
    public void emptyAndBlankTextsGiveEmptyTemplates() throws Exception {
        assertTrue(parse("").isEmpty());
        assertTrue(parse("\n\n   \n").isEmpty());
        assertTrue(parse("# only a comment\n").isEmpty());
    }

    @Test
    public void lastLineWithoutNewline() throws Exception {
        assertSingle("INBOUND_PORTS = \"22\"", "INBOUND_PORTS", "22");
        assertSingle("A = x", "A", "x");
    }

    @Test
    public void quotedValueRunningIntoTextIsReadAsOneUnquotedToken() throws Exception {
        // flex takes the longest match: "abc"def is longer as an unquoted run than as a quoted one
        assertSingle("A = \"abc\"def\n", "A", "\"abc\"def");
    }

    @Test
    public void unicodeValuesAreKept() throws Exception {
        assertSingle("A = \"café ☕ \uD83D\uDE00\"", "A", "café ☕ \uD83D\uDE00");
    }

    // ----------------------------------------------------------------- errors

    @Test
    public void goldenUnterminatedQuotedValueInsideVector() {
        // see docs/template-language.md: a two-line template cut inside a quoted vector value
        TemplateParseException e = parseError("CPU = 1\nDISK = [ source = \"/tmp/x.qcow2");
        assertEquals("syntax error, unexpected $end, expecting COMMA or CBRACKET at line 2, columns 27:40", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(27, e.firstColumn());
        assertEquals(40, e.lastColumn());
    }

    @Test
    public void unterminatedQuoteInLegacyTemplateIsReportedAtTheFollowingToken() {
        String text = TestResources.read("templates/legacy-default-512.txt")
                .replace("target   = \"hda\",", "target   = \"hda,");
        TemplateParseException e = parseError(text);
        // the quote pairs with the next one: the value swallows up to `readonly = "`, then `no` is a VARIABLE
        assertTrue(e.getMessage(), e.getMessage().startsWith("syntax error, unexpected VARIABLE, expecting COMMA or CBRACKET at line 14, columns "));
    }

    @Test
    public void columnsCountBytesFromTheStartOfTheText() {
        TemplateParseException e = parseError("A = 1\nB = [ x ]");
        // tokens: A(1:2) EQUAL(2:5) STRING(5:6) blanks(6:7) B(7:8) EQUAL(8:11) OBRACKET(11:13) x(13:14)
        // then " ]" is CBRACKET (14:16) where EQUAL was expected
        assertEquals("syntax error, unexpected CBRACKET, expecting EQUAL at line 2, columns 14:16", e.getMessage());
    }

    @Test
    public void multiByteCharactersCountAsTheirUtf8Length() {
        TemplateParseException e = parseError("A = \"é\" ]");
        // A(1:2) EQUAL(2:5) STRING "é" is 4 bytes (5:9), " ]" CBRACKET (9:11)
        assertEquals("syntax error, unexpected CBRACKET, expecting $end at line 1, columns 9:11", e.getMessage());
    }

    @Test
    public void errorMessagesOfEachParserState() {
        String[][] cases = {
            {"NAME", "unexpected $end, expecting EQUAL or EQUAL_EMPTY at line 1, columns 1:5"},
            {"NAME = ", "unexpected $end, expecting OBRACKET or STRING at line 1, columns 5:8"},
            {"V = [ , ]", "unexpected COMMA, expecting CBRACKET or VARIABLE at line 1, columns 7:9"},
            {"V = [ a b ]", "unexpected VARIABLE, expecting EQUAL at line 1, columns 9:10"},
            {"V = [ a =\n]", "unexpected EQUAL_EMPTY, expecting EQUAL at line 2, columns 8:11"},
            {"= x", "unexpected EQUAL, expecting $end at line 1, columns 1:3"},
            {"A = b]", "unexpected CBRACKET, expecting $end at line 1, columns 6:7"},
            {"V = [ a = [ ]", "unexpected OBRACKET, expecting STRING at line 1, columns 11:13"},
        };
        for (String[] c : cases) {
            assertEquals(c[0], "syntax error, " + c[1], parseError(c[0]).getMessage());
        }
    }

    @Test
    public void commentWithoutNewlineAtEndIsNotAComment() {
        // flex's comment rule needs the newline; without it "#" is dropped and the words are VARIABLEs
        TemplateParseException e = parseError("A = 1\n# a comment");
        assertEquals(2, e.line());
        assertTrue(e.getMessage(), e.getMessage().startsWith("syntax error, unexpected VARIABLE, expecting EQUAL or EQUAL_EMPTY"));
    }

    @Test
    public void charactersNotAllowedInXmlAreRefused() {
        TemplateParseException e = parseError("A = 1\nB = \"x\u0001y\"\n");
        assertEquals("syntax error, character U+0001 is not allowed in a template at line 2, columns 13:14", e.getMessage());
        assertEquals(2, e.line());
        parseError("A = \"\uFFFE\"");
        parseError("A = \"\uD800\"");
        parseError("A = \u0000");
    }

    @Test
    public void xmlWhitespaceControlCharactersAreAllowed() throws Exception {
        assertSingle("A = \"a\tb\r\"\n", "A", "a\tb\r");
    }

    @Test
    public void aDefaultRuleCharacterIsIgnoredLikeFlexEcho() throws Exception {
        // characters that match no rule (here '"' and '.' at top level) are dropped by flex
        Template t = parse("A = 1 .\nB = 2\n");
        assertEquals("2", t.getString("B"));
        assertNull(t.getString("C"));
    }
}
