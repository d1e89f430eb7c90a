/**
 * An example host service embedding Quiver through {@code quiver-bom} and {@code dev.quiver:quiver} alone: it
 * trains from YAML text, predicts rows from many threads and reloads the saved run.
 */
package com.example.iris;
