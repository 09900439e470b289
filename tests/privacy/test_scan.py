"""The scanner: finds personal data in what postlab writes, and says where, not what."""

import base64
import struct
import zlib

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from postlab.config import Settings
from postlab.exceptions import PrivacyError
from postlab.privacy import Finding, scan_paths

SETTINGS = Settings(allow_handles=("MPSNorthbrook",))
PHONE = "07700 900123"


def _notebook(path, cells):
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_notebook_sources_and_every_kind_of_output_are_scanned(tmp_path):
    png = base64.b64encode(b"\x89PNG" + bytes(range(256)) * 4).decode()
    cells = [
        new_markdown_cell("# Results for @MPSNorthbrook"),
        new_code_cell(
            "x = 1", outputs=[new_output("stream", name="stdout", text=f"ring {PHONE}\n")]
        ),
        new_code_cell(
            "df",
            outputs=[
                new_output(
                    "execute_result",
                    data={"text/html": "<td>jo@example.com</td>", "image/png": png},
                    execution_count=1,
                )
            ],
        ),
        new_code_cell(
            "raise",
            outputs=[
                new_output(
                    "error",
                    ename="KeyError",
                    evalue="'NB4 7QX'",
                    traceback=["\x1b[31mKeyError\x1b[0m: 'Have you seen Jordan Pike, 34, today'"],
                )
            ],
        ),
        new_code_cell(
            "show",
            outputs=[
                new_output(
                    "display_data", data={"application/vnd.postlab+json": {"text": "@someone"}}
                )
            ],
        ),
        new_code_cell(f"text = 'call {PHONE}'"),
    ]
    path = _notebook(tmp_path / "x.ipynb", cells)
    found = {(f.location, f.kind) for f in scan_paths([path], SETTINGS)}
    assert found == {
        ("cell 2 output", "phone"),
        ("cell 3 output", "email"),
        ("cell 4 output", "postcode"),
        ("cell 4 output", "name"),
        ("cell 5 output", "handle"),
        ("cell 6 source", "phone"),
    }


def test_saved_widget_state_in_the_notebook_metadata_is_scanned(tmp_path):
    notebook = new_notebook(cells=[new_code_cell("LabellingWidget(session)")])
    state = {"model": {"state": {"value": f"<p>Ring {PHONE}</p>"}}}
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": state}
    nbformat.write(notebook, tmp_path / "label.ipynb")
    assert scan_paths([tmp_path], SETTINGS) == [
        Finding(str(tmp_path / "label.ipynb"), "notebook metadata", "phone")
    ]


def test_a_finding_names_file_and_place_but_never_the_data(tmp_path):
    path = _notebook(
        tmp_path / "x.ipynb", [new_code_cell("1", outputs=[new_output("stream", text=PHONE)])]
    )
    (finding,) = scan_paths([path], SETTINGS)
    assert str(finding) == f"{path} cell 1 output: [phone]"
    assert PHONE not in repr(finding) + str(finding)


def test_html_styles_scripts_and_images_are_not_scanned(tmp_path):
    image = base64.b64encode(bytes(range(256)) * 8).decode()
    page = (
        "<html><head><style>@media print { .x {} }</style>"
        "<script>// author: dev@example.com\n</script></head>\n<body>\n"
        f'<img src="data:image/png;base64,{image}">\n'
        "<p>Post 1734567890123456789 &middot; 12.5% &middot; 2024-03-05 10:00</p>\n"
        f"<p>Call {PHONE}</p>\n</body></html>"
    )
    (tmp_path / "report.html").write_text(page)
    assert [str(f) for f in scan_paths([tmp_path], SETTINGS)] == [
        f"{tmp_path / 'report.html'} line 6: [phone]"
    ]


def test_folders_are_scanned_recursively_dotfiles_too_and_binary_files_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "posts.csv").write_text(
        "post_id,published_at,text\n1734567890123456789,2024-03-05,Mrs Okafor thanks you\n"
    )
    (tmp_path / "notes.md").write_text("fine\nemail [email] and [phone] are markers\n")
    (tmp_path / "plot.png").write_bytes(b"\x89PNG\0" + PHONE.encode())
    (tmp_path / "data.bin.txt").write_bytes(b"\0\0" + PHONE.encode())
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "x.md").write_text(PHONE)
    (tmp_path / ".x.partial.ipynb").write_text(
        nbformat.writes(new_notebook(cells=[new_markdown_cell(f"ring {PHONE}")]))
    )
    assert scan_paths([tmp_path], SETTINGS) == [
        Finding(str(tmp_path / ".ipynb_checkpoints" / "x.md"), "line 1", "phone"),
        Finding(str(tmp_path / ".x.partial.ipynb"), "cell 1 source", "phone"),
        Finding(str(tmp_path / "sub" / "posts.csv"), "line 2", "name"),
    ]


def test_a_missing_path_is_an_error_unless_allowed(tmp_path):
    with pytest.raises(PrivacyError, match="no such file or folder"):
        scan_paths([tmp_path / "runs"], SETTINGS)
    assert scan_paths([tmp_path / "runs"], SETTINGS, missing_ok=True) == []


def test_a_broken_notebook_is_a_one_line_error(tmp_path):
    (tmp_path / "x.ipynb").write_text("{not json")
    with pytest.raises(PrivacyError, match=r"x\.ipynb: not a readable notebook"):
        scan_paths([tmp_path], SETTINGS)


def test_names_inside_hashtags_are_found_and_postlab_captions_are_not(tmp_path):
    (tmp_path / "report.md").write_text(
        "1,679 posts from 2 accounts (Facebook 1, X 1,678)\n"
        "Best post: stand with us #JusticeForMarisol\n"
        "#StaySafe #KnifeCrime #rstats\n"
    )
    assert scan_paths([tmp_path], SETTINGS) == [
        Finding(str(tmp_path / "report.md"), "line 2", "name")
    ]


def test_widget_libraries_are_trusted_but_widget_values_are_read(tmp_path):
    notebook = new_notebook(cells=[new_code_cell("LabellingWidget(session)")])
    state = {
        "a1": {
            "model_module": "@jupyter-widgets/controls",
            "state": {"_model_module": "@jupyter-widgets/controls", "layout": "IPY_MODEL_b2"},
        },
        "b2": {"state": {"_view_module": "@jupyter-widgets/base", "value": "<p>hello</p>"}},
    }
    saved = {"application/vnd.jupyter.widget-state+json": {"state": state}}
    notebook.metadata["widgets"] = saved
    nbformat.write(notebook, tmp_path / "label.ipynb")
    assert scan_paths([tmp_path], SETTINGS) == []
    state["b2"]["state"]["value"] = "<p>#FindSiobhan</p>"
    notebook.metadata["widgets"] = saved
    nbformat.write(notebook, tmp_path / "label.ipynb")
    assert [f.location for f in scan_paths([tmp_path], SETTINGS)] == ["notebook metadata"]


def test_parquet_rows_are_read(tmp_path):
    import pandas as pd

    pd.DataFrame(
        {
            "post_id": ["1", "2", "3"],
            "text": ["all clear", None, "#JusticeForMarisol"],
            "n": [1, 2, 3],
        }
    ).to_parquet(tmp_path / "posts.parquet")
    assert scan_paths([tmp_path], SETTINGS) == [
        Finding(str(tmp_path / "posts.parquet"), "row 3", "name")
    ]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_png_text_chunks_are_read(tmp_path):
    from matplotlib.figure import Figure

    path = tmp_path / "figure.png"
    Figure(figsize=(1, 1)).savefig(path, metadata={"Title": f"ring {PHONE}"})
    raw = path.read_bytes()
    itxt = _chunk(b"iTXt", b"Comment\0\1\0en\0\0" + zlib.compress(b"#FindSiobhan"))
    path.write_bytes(raw[:-12] + itxt + raw[-12:])  # before IEND
    found = scan_paths([tmp_path], SETTINGS)
    assert [(f.location, f.kind) for f in found] == [
        ("image text Title", "phone"),
        ("image text Comment", "name"),
    ]
    path.write_bytes(raw.replace(f"ring {PHONE}".encode(), b"ring 101 now"))
    assert scan_paths([path], SETTINGS) == []
