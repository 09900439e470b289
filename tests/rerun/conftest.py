"""Small notebooks built on the fly, to exercise execution without the demo."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook


def make_notebook(path, *sources, parameters="x = 1"):
    cells = [new_code_cell(parameters, metadata={"tags": ["parameters"]})]
    cells += [new_code_cell(source) for source in sources]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, path)
    return str(path)


@pytest.fixture
def notebook_factory(tmp_path):
    def factory(name, *sources, parameters="x = 1"):
        return make_notebook(tmp_path / f"{name}.ipynb", *sources, parameters=parameters)

    return factory
