/**
 * The JSON wire format of the kernel's commands, results, pricing, values and events, written
 * once over a neutral sink and tree, for the Jackson 2 and Jackson 3 modules. Not API: exported to
 * those modules only.
 */
package dev.couponkernel.core.internal.wire;
