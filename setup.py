"""The one thing pyproject.toml cannot declare stably yet: the optional C extension.

``weakties.graph._kernel`` fuses the linear passes of building a graph (see
``weakties/graph/csr.py``). It needs only a C compiler and the Python headers; ``optional``
makes a failed compile a warning, and the code then falls back to numpy.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("weakties.graph._kernel", ["weakties/graph/_kernel.c"], optional=True),
    ]
)
