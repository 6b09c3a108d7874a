#!/usr/bin/env python3
"""Check DOCX files against the ECMA-376 (transitional) WordprocessingML schema.

    validate-docx FILE.docx ...

Validates word/document.xml, styles.xml, numbering.xml, settings.xml, headers, footers,
footnotes and comments, where present, after removing Markup Compatibility content
(mc:Ignorable namespaces), as Word does before it reads a part. Word refuses or "repairs"
files that break this schema; LibreOffice often opens them anyway, so this is the
stricter check. Prints one line per problem; exits 1 if any file is invalid, 0 if all
are valid, 2 on a usage error. Needs lxml (python-docx depends on it).
The schemas are in ooxml-xsd beside this file (from python-docx's ref/xsd; xml.xsd is a local stub).
"""

import re
import sys
import zipfile
from pathlib import Path

from lxml import etree

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XSD = Path(__file__).resolve().parent / "ooxml-xsd" / "wml.xsd"
# These XSDs are ECMA-376 1st edition, where <w:zoom> needs w:percent; later editions made it
# optional, Word accepts it, and python-docx's own template omits it: not a defect.
KNOWN_EDITION_GAPS = (
    "zoom': The attribute "
    "'{http://schemas.openxmlformats.org/wordprocessingml/2006/main}percent' "
    "is required",
)
PARTS = re.compile(
    r"word/(document|styles|numbering|settings|header\d*|footer\d*|footnotes"
    r"|endnotes|comments)\.xml$"
)


def load_schema():
    # wml.xsd imports the xml: namespace without a location; a wrapper that imports the
    # local xml.xsd stub first lets lxml resolve it without touching the Ecma files.
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>
      <xs:import namespace="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
                 schemaLocation="{XSD.name}"/>
    </xs:schema>"""
    parser = etree.XMLParser(no_network=True)
    doc = etree.fromstring(wrapper.encode(), parser, base_url=str(XSD.parent / "wrapper.xsd"))
    return etree.XMLSchema(etree.ElementTree(doc))


def strip_markup_compatibility(root):
    ignorable = set()
    for el in root.iter():
        prefixes = el.attrib.pop(f"{{{MC}}}Ignorable", None)
        if prefixes:
            ignorable |= {el.nsmap.get(p) for p in prefixes.split()}
    ignorable.add(MC)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignorable and el.getparent() is not None:
            el.getparent().remove(el)
            continue
        for name in list(el.attrib):
            if name.startswith("{") and name[1:].split("}")[0] in ignorable:
                del el.attrib[name]
    return root


def problems(path, schema):
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield f"{path}: not a DOCX (zip) file: {exc}"
        return
    names = [n for n in package.namelist() if PARTS.search(n)]
    if "word/document.xml" not in names:
        yield f"{path}: no word/document.xml"
    for name in names:
        try:
            root = strip_markup_compatibility(etree.fromstring(package.read(name)))
        except etree.XMLSyntaxError as exc:
            yield f"{path}:{name}: not well-formed XML: {exc}"
            continue
        if not schema.validate(root):
            for err in schema.error_log:
                if not any(gap in err.message for gap in KNOWN_EDITION_GAPS):
                    yield f"{path}:{name}:{err.line}: {err.message}"


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 2 if not argv else 0
    schema = load_schema()
    bad = 0
    for path in argv:
        found = list(problems(path, schema))
        for line in found:
            print(line)
        bad += bool(found)
        if not found:
            print(f"{path}: valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
