package dev.couponkernel.spi.fraud;

/** Which command an attempt came from. */
public enum AttemptKind {
    /** A dry run: {@code validate}. */
    VALIDATE,
    /** A checkout applying the code: {@code apply}. */
    APPLY
}
