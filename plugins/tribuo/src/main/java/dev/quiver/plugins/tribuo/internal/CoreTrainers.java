package dev.quiver.plugins.tribuo.internal;

import static dev.quiver.plugins.tribuo.OutputKind.CLASSIFICATION;
import static dev.quiver.plugins.tribuo.OutputKind.CLUSTERING;
import static dev.quiver.plugins.tribuo.OutputKind.REGRESSION;

import dev.quiver.plugins.tribuo.ShortName;
import dev.quiver.plugins.tribuo.TribuoExtension;
import java.util.List;
import java.util.Map;

/**
 * The short names this module ships, for the Tribuo modules it depends on. The defaults fill what Tribuo leaves
 * mandatory (a random forest's members, k-means' iterations) with the usual choices; everything else stays
 * Tribuo's own default, so that a short name and the class name with the same options train the same model.
 */
public final class CoreTrainers implements TribuoExtension {

    private static final String VOTING = "org.tribuo.classification.ensemble.VotingCombiner";
    private static final String AVERAGING = "org.tribuo.regression.ensemble.AveragingCombiner";
    private static final String CART_CLASSIFICATION = "org.tribuo.classification.dtree.CARTClassificationTrainer";
    private static final String CART_REGRESSION = "org.tribuo.regression.rtree.CARTRegressionTrainer";
    private static final String RANDOM_FOREST = "org.tribuo.common.tree.RandomForestTrainer";

    @Override
    public List<ShortName> shortNames() {
        return List.of(
                new ShortName(
                        "logistic-regression",
                        CLASSIFICATION,
                        "org.tribuo.classification.sgd.linear.LogisticRegressionTrainer",
                        Map.of(),
                        "Multinomial logistic regression by SGD with AdaGrad (5 epochs)."),
                new ShortName(
                        "linear-sgd",
                        CLASSIFICATION,
                        "org.tribuo.classification.sgd.linear.LinearSGDTrainer",
                        Map.of(),
                        "A linear classifier by SGD; choose the loss with objective (LogMulticlass, Hinge)."),
                new ShortName(
                        "cart", CLASSIFICATION, CART_CLASSIFICATION, Map.of(), "A CART decision tree (Gini impurity)."),
                new ShortName(
                        "random-forest",
                        CLASSIFICATION,
                        RANDOM_FOREST,
                        Map.of(
                                "numMembers", 100,
                                "innerTrainer", Map.of("class", CART_CLASSIFICATION, "fractionFeaturesInSplit", 0.5),
                                "combiner", Map.of("class", VOTING)),
                        "100 CART trees on bootstrap samples, half the features per split, majority vote."),
                new ShortName(
                        "liblinear",
                        CLASSIFICATION,
                        "org.tribuo.classification.liblinear.LibLinearClassificationTrainer",
                        Map.of(),
                        "LIBLINEAR's linear SVM (L2-regularised, L2 loss, dual)."),
                new ShortName(
                        "libsvm",
                        CLASSIFICATION,
                        "org.tribuo.classification.libsvm.LibSVMClassificationTrainer",
                        Map.of(
                                "svmType",
                                Map.of(
                                        "class",
                                        "org.tribuo.classification.libsvm.SVMClassificationType",
                                        "type",
                                        "C_SVC")),
                        "LIBSVM's C-SVC (linear kernel unless kernelType is set)."),
                new ShortName(
                        "knn",
                        CLASSIFICATION,
                        "org.tribuo.common.nearest.KNNTrainer",
                        Map.of("k", 5, "combiner", Map.of("class", VOTING)),
                        "k nearest neighbours (k = 5, Euclidean distance), majority vote."),
                new ShortName(
                        "naive-bayes",
                        CLASSIFICATION,
                        "org.tribuo.classification.mnb.MultinomialNaiveBayesTrainer",
                        Map.of(),
                        "Multinomial naive Bayes; features must be non-negative counts or frequencies."),
                new ShortName(
                        "linear-sgd",
                        REGRESSION,
                        "org.tribuo.regression.sgd.linear.LinearSGDTrainer",
                        Map.of("objective", Map.of("class", "org.tribuo.regression.sgd.objectives.SquaredLoss")),
                        "Linear regression by SGD with AdaGrad; squared loss unless objective is set."),
                new ShortName(
                        "cart",
                        REGRESSION,
                        CART_REGRESSION,
                        Map.of(),
                        "A CART regression tree; slow beyond a few thousand rows (see the README)."),
                new ShortName(
                        "random-forest",
                        REGRESSION,
                        RANDOM_FOREST,
                        Map.of(
                                "numMembers", 100,
                                "innerTrainer", Map.of("class", CART_REGRESSION, "fractionFeaturesInSplit", 0.5),
                                "combiner", Map.of("class", AVERAGING)),
                        "100 CART regression trees on bootstrap samples, averaged."),
                new ShortName(
                        "liblinear",
                        REGRESSION,
                        "org.tribuo.regression.liblinear.LibLinearRegressionTrainer",
                        Map.of(),
                        "LIBLINEAR's L2-regularised support vector regression."),
                new ShortName(
                        "libsvm",
                        REGRESSION,
                        "org.tribuo.regression.libsvm.LibSVMRegressionTrainer",
                        Map.of(
                                "svmType",
                                Map.of(
                                        "class",
                                        "org.tribuo.regression.libsvm.SVMRegressionType",
                                        "type",
                                        "EPSILON_SVR")),
                        "LIBSVM's epsilon-SVR (linear kernel unless kernelType is set)."),
                new ShortName(
                        "kmeans",
                        CLUSTERING,
                        "org.tribuo.clustering.kmeans.KMeansTrainer",
                        Map.of("iterations", 100, "initialisationType", "PLUSPLUS"),
                        "k-means with k-means++ initialisation; set centroids (the k)."),
                new ShortName(
                        "hdbscan",
                        CLUSTERING,
                        "org.tribuo.clustering.hdbscan.HdbscanTrainer",
                        Map.of(
                                "minClusterSize", 5,
                                "k", 5),
                        "HDBSCAN* density clustering; cluster 0 holds the noise points."));
    }

    @Override
    public Map<String, Map<String, Object>> classDefaults() {
        // Built through OLCUT without 'dist', Tribuo 4.3.2's k-means++ initialisation dereferences a null
        // distance, and so does every k-NN prediction (and save); naming the default distance explicitly avoids
        // it (and changes nothing else).
        Map<String, Object> l2 = Map.of("dist", Map.of("class", "org.tribuo.math.distance.L2Distance"));
        return Map.of(
                "org.tribuo.clustering.kmeans.KMeansTrainer",
                l2,
                "org.tribuo.clustering.hdbscan.HdbscanTrainer",
                l2,
                "org.tribuo.common.nearest.KNNTrainer",
                l2);
    }
}
