"""The package is described in pyproject.toml; this file only adds tfshim's start-up hook to what
gets installed: ``tfshim-as-tensorflow.pth`` in site-packages, from a wheel and from
``pip install -e`` alike.

site.py runs the .pth file's line at every interpreter start-up: one ``os.environ.get``, and only
with ``TFSHIM_AS_TENSORFLOW`` set (to anything but ``0``) does it import ``_tfshim_hooks`` (a
top-level module that doesn't import tfshim) to make ``import tensorflow`` give tfshim.
"""

import os

from setuptools import setup
from setuptools.command.build_py import build_py

PTH_NAME = "tfshim-as-tensorflow.pth"
PTH_LINE = (
    "import os; os.environ.get('TFSHIM_AS_TENSORFLOW', '0') not in ('', '0') "
    "and __import__('_tfshim_hooks').startup()\n"
)


class build_py_with_pth(build_py):
    """build_py that also writes the .pth file into the wheel's top folder."""

    def run(self):
        super().run()
        if self.editable_mode:
            # pip install -e: setuptools' editable_wheel packs the folder it set as the install
            # command's install_lib; build_lib is a scratch folder it leaves out.
            folder = self.distribution.get_command_obj("install").install_lib
        else:
            folder = self.build_lib
        if folder is None:
            self.warn(f"{PTH_NAME} not written: no wheel folder (TFSHIM_AS_TENSORFLOW won't work)")
            return
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, PTH_NAME), "w") as f:
            f.write(PTH_LINE)

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        if not self.editable_mode:
            outputs.append(os.path.join(self.build_lib, PTH_NAME))
        return outputs


setup(cmdclass={"build_py": build_py_with_pth})
