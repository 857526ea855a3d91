/**
 * Campaigns: many codes for one offer. {@link dev.couponkernel.core.campaign.CodePattern} describes
 * the codes (length, charset, prefix, postfix, groups), states their guessing odds and refuses a
 * pattern too small for the codes asked of it; {@link dev.couponkernel.core.campaign.CodeGenerator}
 * makes unpredictable codes that are distinct within a batch, streamed in constant memory.
 */
package dev.couponkernel.core.campaign;
