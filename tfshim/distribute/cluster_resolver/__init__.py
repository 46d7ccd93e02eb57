"""tf.distribute.cluster_resolver (TF's distribute/cluster_resolver/), filled from the registry."""

from ... import _api
from . import cluster_resolver, tfconfig_cluster_resolver, tpu_cluster_resolver  # noqa: F401

globals().update(_api.namespace("distribute.cluster_resolver"))
