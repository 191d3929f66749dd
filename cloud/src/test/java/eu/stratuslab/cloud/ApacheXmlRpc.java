package eu.stratuslab.cloud;

import java.net.URL;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;

/** The Apache XML-RPC client, as third-party Java clients call a cloud's endpoints. */
final class ApacheXmlRpc {
    private ApacheXmlRpc() {
    }

    /** Without credentials (/RPC2 takes the session string as the first parameter). */
    static XmlRpcClient client(String url) throws Exception {
        return client(new XmlRpcClientConfigImpl(), url);
    }

    /** With Basic credentials, as on the one-proxy; {@code replyTimeoutMs} for calls that wait on a back end. */
    static XmlRpcClient client(String url, String user, String password, int replyTimeoutMs) throws Exception {
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        config.setBasicUserName(user);
        config.setBasicPassword(password);
        config.setReplyTimeout(replyTimeoutMs);
        return client(config, url);
    }

    private static XmlRpcClient client(XmlRpcClientConfigImpl config, String url) throws Exception {
        config.setServerURL(new URL(url));
        XmlRpcClient client = new XmlRpcClient();
        client.setConfig(config);
        return client;
    }
}
