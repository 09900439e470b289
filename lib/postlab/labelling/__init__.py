"""Labelling posts by hand, helped by suggestions from what was labelled already.

``LabellingSession`` drives the notebook ``notebooks/label_posts.ipynb``;
``suggest`` fills ``<column>_suggested`` in labels.csv; ``learning_curve``
measures how many hand labels the suggestions need.
"""
