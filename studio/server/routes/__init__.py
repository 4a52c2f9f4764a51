"""The reference server's routes, one module per resource (``studio.server.app`` mounts them):
``server`` (health, tokens), ``releases`` (releases and rejections), ``approvers``,
``audit_heads`` and ``records`` (records, statistics, owners)."""
