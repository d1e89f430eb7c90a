/** The planning steps (assembling components, options, task checks, training and tuning sections); not API. */
package dev.quiver.runtime.plan.internal;
