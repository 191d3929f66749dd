package eu.stratuslab.authn.jaas;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;

/** One {@code <class> <flag> key="value" ...;} clause of a login.conf entry, as written. */
public record LoginConfModule(String className, LoginModuleControlFlag flag, Map<String, String> options, int line) {

    public LoginConfModule {
        options = Map.copyOf(options);
    }
}
