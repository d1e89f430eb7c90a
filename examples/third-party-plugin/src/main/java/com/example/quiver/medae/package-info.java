/**
 * An example third-party plugin: the {@code medae} metric (median absolute error), built against the SPI alone
 * and loaded from a plugin folder.
 */
package com.example.quiver.medae;
