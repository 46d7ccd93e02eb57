"""tf.image (TF's image ops): its namespace filled from the registry."""

from .. import _api
from . import gen_image_ops, image_metrics, image_ops_impl, random_crop_ops, resize_ops  # noqa: F401

globals().update(_api.namespace("image"))
