package eu.stratuslab.cli;

import eu.stratuslab.cli.config.ConfigDefaults;
import eu.stratuslab.cli.config.UserConfig;
import eu.stratuslab.cli.remote.Tls;
import eu.stratuslab.cli.vm.VmView;
import eu.stratuslab.xmlrpc.MethodCall;
import eu.stratuslab.xmlrpc.XmlRpcCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import picocli.CommandLine;

/**
 * The training run behind the class-data archive of the wrapper script ({@code stratuslab-cli
 * --cds-training}, run once per jar with {@code -XX:ArchiveClassesAtExit}): it loads what a real
 * run loads — every command's option model, the XML-RPC codec, the VM document reader, the pdisk
 * JSON reader and a TLS client handshake up to its first message — without any network, so the
 * archive serves every command whatever the user runs first.
 */
final class CdsTraining {
    private CdsTraining() {
    }

    static int run() throws Exception {
        CliContext quiet = new CliContext(Map.of(), java.nio.file.Path.of(System.getProperty("java.io.tmpdir")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), java.time.Clock.systemUTC());
        for (var factory : Main.COMMANDS.values()) {
            new CommandLine(factory.apply(quiet)).setDefaultValueProvider(new ConfigDefaults(quiet, UserConfig.empty()));
        }
        XmlRpcCodec.encodeCall(new MethodCall("one.vm.info", List.of("user:password", 1)));
        XmlRpcCodec.parseResponse(new ByteArrayInputStream(("<?xml version='1.0'?><methodResponse><params><param><value>"
                + "<array><data><value><boolean>1</boolean></value><value><string>x</string></value></data></array>"
                + "</value></param></params></methodResponse>").getBytes(StandardCharsets.UTF_8)));
        VmView.parse("<VM><ID>1</ID><STATE>3</STATE><LCM_STATE>3</LCM_STATE><TEMPLATE><NIC><IP>10.0.0.1</IP></NIC></TEMPLATE></VM>")
                .flatten();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree("[{\"uuid\":\"u\",\"count\":\"0\"}]");
        SSLContext tls = Tls.context(null, null, null, null, null);
        SSLEngine engine = tls.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        return 0;
    }
}
