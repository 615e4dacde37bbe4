"""The browser editor (Decap CMS): its configuration, canonical file form and admin/ files.

Plain modules without MkDocs: `cmsconfig` turns the record model into Decap's config,
`canonical` writes records in the one form both `verksted fmt` and the editor use, and
`admin` lists the files the build publishes under `admin/`.
"""
