package eu.stratuslab.template.vm;

/** A template that parses but breaks a rule of template.md §5, e.g. "No free target for DISK 3". */
public class TemplateRuleException extends Exception {

    private static final long serialVersionUID = 1L;

    public TemplateRuleException(String message) {
        super(message);
    }
}
