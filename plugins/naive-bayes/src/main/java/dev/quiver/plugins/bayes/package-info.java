/**
 * The {@code naive-bayes} model plugin: {@link dev.quiver.plugins.bayes.NaiveBayesFactory} makes trainers for
 * Gaussian, multinomial and Bernoulli naive Bayes; the trainer and the fitted model live in {@code internal}.
 * Fitted models are immutable, predict from many threads at once, and save their parameters exactly.
 */
package dev.quiver.plugins.bayes;
