#!/usr/bin/python3
"""The Python reference a researcher would otherwise use, for BenchEval: FD as dgm-eval computes it (numpy
covariance, scipy.linalg.sqrtm) and PRDC as the prdc package does (sklearn pairwise distances, k = 5).
Usage: eval_reference.py fd A.npy B.npy | prdc A.npy B.npy   -> prints one JSON line."""
import json
import sys
import time

import numpy as np


def fd(a, b):
    from scipy import linalg
    mu1, mu2 = a.mean(axis=0), b.mean(axis=0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * 1e-6
        covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError("imaginary component")
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def prdc(real, fake, k=5):
    from sklearn.metrics import pairwise_distances

    def kth(d, k):
        return np.partition(d, k, axis=-1)[..., k]

    real_nn = kth(pairwise_distances(real, real, metric="euclidean", n_jobs=2), k)
    fake_nn = kth(pairwise_distances(fake, fake, metric="euclidean", n_jobs=2), k)
    d = pairwise_distances(real, fake, metric="euclidean", n_jobs=2)
    precision = (d < np.expand_dims(real_nn, axis=1)).any(axis=0).mean()
    recall = (d < np.expand_dims(fake_nn, axis=0)).any(axis=1).mean()
    density = (1.0 / float(k)) * (d < np.expand_dims(real_nn, axis=1)).sum(axis=0).mean()
    coverage = (d.min(axis=1) < real_nn).mean()
    return dict(precision=float(precision), recall=float(recall), density=float(density), coverage=float(coverage))


mode, path_a, path_b = sys.argv[1:4]
a, b = np.load(path_a), np.load(path_b)
start = time.perf_counter()
result = {"fd": fd(a, b)} if mode == "fd" else prdc(a, b)
result["seconds"] = time.perf_counter() - start
print(json.dumps(result))
