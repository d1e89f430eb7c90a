/** The schedulers' mutable positions; not API. */
package dev.quiver.optim.schedule.internal;
