"""MkDocs hooks: pages written from the code at every build, so they cannot drift."""

from postlab.experiment.reference import schema_markdown

GENERATED = {"<!-- experiment-schema -->": schema_markdown}


def on_page_markdown(markdown, page, config, files):
    for marker, write in GENERATED.items():
        if marker in markdown:
            markdown = markdown.replace(marker, write())
    return markdown
