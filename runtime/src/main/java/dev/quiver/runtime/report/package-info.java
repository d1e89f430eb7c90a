/**
 * The run report: {@link dev.quiver.runtime.report.ReportWriter} turns a
 * {@link dev.quiver.runtime.report.ReportData} into one self-contained {@code report.html} with inline SVG charts
 * (learning curves, confusion matrix, ROC and precision-recall curves, residuals), a metrics table and the
 * resolved pipeline. Everything else here is package-private drawing: {@code Svg}, {@code Plot}, {@code Ticks}
 * and one class per chart. The ROC and PR points follow scikit-learn 1.2 ({@code src/test/python}).
 */
package dev.quiver.runtime.report;
