/**
 * Fraud prevention contracts: the context of an attempt to use a code, the {@link
 * dev.couponkernel.spi.fraud.AttemptLog} every attempt is recorded in, and the {@link
 * dev.couponkernel.spi.fraud.FraudSignalProvider}s that turn an attempt and its history into
 * signals. The kernel's fraud guard combines the signals into a score and decides.
 */
package dev.couponkernel.spi.fraud;
