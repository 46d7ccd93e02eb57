"""Keras's repository conftest.py (which the keras wheel does not ship), for its TF backend:
``pytest -p keras_conftest`` with this folder on ``sys.path`` (run.py does it).

It registers Keras's test markers and skips the ``multi_device`` tests on one device, as Keras's
own conftest does. ``KERAS_BACKEND`` is set to ``tensorflow`` before Keras is imported; which
TensorFlow that is (real TF, or tfshim under ``-p tfshim.pytest_plugin`` loaded first) is the
caller's choice.
"""

import os

import pytest

os.environ["KERAS_BACKEND"] = "tensorflow"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "requires_trainable_backend: mark test for trainable backend only")
    config.addinivalue_line(
        "markers", "multi_device: mark test for running with multiple devices only")


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="Requires multiple devices")
    for item in items:
        if "multi_device" in item.keywords:
            item.add_marker(skip)
