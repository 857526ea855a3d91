/** Implementation details of the kernel. Not exported; free to change. */
package dev.couponkernel.core.internal;
