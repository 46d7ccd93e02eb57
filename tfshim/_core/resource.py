"""TF's TrackableResource (tensorflow/python/trackable/resource.py): a trackable holding a
resource handle that subclasses create (`_create_resource`), initialize (`_initialize`) and
destroy (`_destroy_resource`); TF's lookup tables are ones. Keras's ExportArchive looks for them
among the objects it exports."""

from __future__ import annotations

from .. import _api
from .trackable import Trackable


class CapturableResource(Trackable):
    """TF's CapturableResource: the handle, created on first use."""

    def __init__(self, device=""):
        self._resource_handle_value = None
        self._resource_device = device

    @classmethod
    def _resource_type(cls):
        return cls.__name__

    def _create_resource(self):
        """Creates the resource handle."""
        raise NotImplementedError("TrackableResource._create_resource not implemented.")

    def _initialize(self):
        """Initializes the resource (optional)."""

    def _destroy_resource(self):
        """Destroys the resource (optional)."""

    @property
    def _resource_handle(self):
        return self._resource_handle_value

    @_resource_handle.setter
    def _resource_handle(self, value):
        self._resource_handle_value = value

    @property
    def resource_handle(self):
        """The resource handle, created by `_create_resource` on first use."""
        if self._resource_handle is None:
            self._resource_handle = self._create_resource()
        return self._resource_handle

    def __del__(self):
        try:
            if getattr(self, "_resource_handle_value", None) is not None:
                self._destroy_resource()
        except Exception:  # noqa: BLE001 - TF's __del__ swallows them too
            pass


@_api.export("saved_model.experimental.TrackableResource")
class TrackableResource(CapturableResource):
    """tf.saved_model.experimental.TrackableResource."""
