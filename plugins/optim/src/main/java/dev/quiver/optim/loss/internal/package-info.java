/** The loss factories (pipeline options) and shared checks; not API. */
package dev.quiver.optim.loss.internal;
