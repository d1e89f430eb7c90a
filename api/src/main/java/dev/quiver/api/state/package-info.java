/**
 * How fitted components persist: a tree of named values and arrays that the runtime stores in a run bundle
 * (and in checkpoints) and hands back, as written, to the component's factory.
 */
package dev.quiver.api.state;
