"""scikit-learn's IsolationForest on the rows SklearnComparison wrote (the seed design's detector).

Usage: python3 sklearn_bench.py TRAIN.csv TEST.csv PER_REQUEST_COUNT
Prints one line: sklearn version=<v> per_request_per_s=<n> batch_per_s=<n> (medians of 3 rounds per request, 5 in batch).
"""

import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import IsolationForest


def main():
    train = np.loadtxt(sys.argv[1], delimiter=",")
    test = np.loadtxt(sys.argv[2], delimiter=",")
    per_request = int(sys.argv[3])
    model = IsolationForest(n_estimators=100, max_samples=256, random_state=42).fit(train)
    # the seed design: one predict() call per incoming sample
    rounds = []
    for _ in range(3):
        start = time.perf_counter()
        for row in test[:per_request]:
            model.predict(row.reshape(1, -1))
        rounds.append(per_request / (time.perf_counter() - start))
    per_request_rate = statistics.median(rounds)
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        model.score_samples(test)
        rounds.append(len(test) / (time.perf_counter() - start))
    batch_rate = statistics.median(rounds)
    print(f"sklearn version={sklearn.__version__} per_request_per_s={per_request_rate:.0f} batch_per_s={batch_rate:.0f}")


if __name__ == "__main__":
    main()
