"""Rendering TEI as a static HTML site (``html``, ``site``, ``search``) and as PDF (``pdf``)."""
