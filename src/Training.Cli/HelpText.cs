namespace HybridInference.Training.Cli;

internal static class HelpText
{
    public const string Text = """
        Training.Cli: train and evaluate the Fashion-MNIST edge and cloud models.

        Usage:
          train    [--out models] [--seed 42] [--version 1] [--train-data DIR] [--test-data DIR]
                   [--validation-fraction 0.0833] [--train-limit 0] [--edge-epochs 10] [--cloud-epochs 10] [--no-latency]
          evaluate [--models models] [--version 1] [--test-data DIR] [--target 0.9] [--seed 7] [--no-degradations]
          threshold (--max-escalation 0.20 | --max-accuracy-loss 0.5) [--models models] [--version 1] [--test-data DIR]
          pipeline --data DIR --registry URL --store HOST:PORT [--key-prefix hi] [--model fashion-edge] [--rollout]
                   [--merge-train DIR] [--merge-limit 0] [--test-data DIR] [--holdout 5000] [--reference DIR]
                   [--reference-limit 10000] [--epochs 10] [--seed 42] [--actor model-pipeline] [--stop-after STEP]
                   [--min-images 1000] [--min-per-class 10] [--max-class-share 0.25] [--max-flat-share 0.01]
                   [--max-psi 0.1] [--max-class-mean-distance 0.05] [--max-accuracy-drop 0.01]
                   [--min-class-recall 0.45] [--max-latency-ms 1.0] [--shuffle-labels] [--label-noise 0]
          pipeline --resume RUN-ID --registry URL --store HOST:PORT [--key-prefix hi]
          pipeline status RUN-ID --store HOST:PORT [--key-prefix hi]
          pipeline watch --data DIR --registry URL --store HOST:PORT [--schedule-minutes M] [--new-labelled N]
                   [--check-seconds 60] [any run option]
          help

        train     Trains both models, calibrates them on a validation split carved from the training set,
                  exports ONNX, checks ONNX Runtime against the trainer on the test set, writes model cards,
                  and publishes OUT/fashion-edge/VERSION and OUT/fashion-cloud/VERSION. Nothing is replaced
                  unless everything succeeded.
                  --train-data defaults to /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist)
                  and, where that is missing, to data/fashion-mnist/train-subset (5,000 committed images: weaker
                  models, for trying the pipeline only); --test-data defaults to data/fashion-mnist (the
                  committed test split). --validation-fraction is the share of training images held out to
                  fit the softmax temperature (1/12 = 5,000 of 60,000).
        evaluate  Prints edge and cloud accuracy, the cascade table (t = 0.5 .. 0.99), the smallest share of
                  escalated images that recovers --target of the accuracy gap, and the effect of degraded inputs.
        threshold The router threshold for one target, computed on the test split with the published models:
                  --max-escalation SHARE: the highest threshold sending at most SHARE of requests to the cloud;
                  --max-accuracy-loss POINTS: the cheapest threshold within POINTS percentage points of the
                  cloud model's accuracy. Prints the threshold, predicted accuracy and escalated share.

        pipeline  Validates new labelled data, trains a candidate edge model, gates it against the registry's
                  champion on held-out images, registers it with alias challenger and, with --rollout, starts its
                  rollout. Each step's result is kept in the store; --resume continues a run. See docs/PIPELINE.md.

        Exit codes: 0 success, 1 bad data or failed check or gate, 2 bad command line,
                    3 (pipeline) registry or store unreachable.
        """;
}
