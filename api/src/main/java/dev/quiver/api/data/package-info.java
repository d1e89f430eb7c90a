/** Where rows come from and where they go: sources (re-openable tables read batch by batch) and sinks. */
package dev.quiver.api.data;
