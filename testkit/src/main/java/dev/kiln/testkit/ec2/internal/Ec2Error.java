package dev.kiln.testkit.ec2.internal;

/** An EC2 API error: the code and message a client sees, and the HTTP status it comes with. */
public final class Ec2Error extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    public Ec2Error(String code, String message) {
        this(code, message, 400);
    }

    public Ec2Error(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public static Ec2Error notFound(String code, String kind, String id) {
        return new Ec2Error(code, "The " + kind + " '" + id + "' does not exist");
    }

    /** EC2's answer when it fails on its side: HTTP 500 InternalError. */
    public static Ec2Error internal() {
        return new Ec2Error("InternalError", "An internal error has occurred", 500);
    }

    public static Ec2Error invalidValue(String message) {
        return new Ec2Error("InvalidParameterValue", message);
    }

    public static Ec2Error incorrectState(String message) {
        return new Ec2Error("IncorrectInstanceState", message);
    }
}
