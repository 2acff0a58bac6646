<?xml version="1.0" encoding="UTF-8"?>
<!-- TEI P5 document -> one HTML page (reading, diplomatic, review or print view).

     Run by edition_tools.render.html.Renderer under an XSLTAccessControl that denies file reads,
     file writes and network access at run time. Before the transform the renderer marks the input
     with attributes in the namespace urn:x-edition-tools:render (prefix r): r:anchor on every
     paragraph and speech, r:fn / r:fnlabel on every numbered note, r:pb on every page break,
     r:label (the display name) on every person, place, org and respStmt with an xml:id, and
     what the templates would otherwise work out per element and page (see
     edition_tools/render/marks.py). The numbering is thus linear in the size of the document (no
     xsl:number level="any"). -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:r="urn:x-edition-tools:render"
  exclude-result-prefixes="tei r">

  <xsl:include href="common.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="notes.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <!-- reading | diplomatic | review | print -->
  <xsl:param name="view" select="'reading'"/>
  <!-- this page's file name, and the three views' file names -->
  <xsl:param name="page-name" select="''"/>
  <xsl:param name="reading-page" select="''"/>
  <xsl:param name="diplomatic-page" select="''"/>
  <xsl:param name="review-page" select="''"/>
  <!-- prefix for URLs in the "cite this" lines (e.g. https://example.org/edition/); may be empty -->
  <xsl:param name="base-url" select="''"/>
  <xsl:param name="site-title" select="'Edition'"/>
  <!-- relative path of the site's root from this page ('' or '../') -->
  <xsl:param name="root" select="''"/>

  <xsl:variable name="header" select="(/tei:TEI/tei:teiHeader | /tei:teiCorpus/tei:teiHeader)[1]"/>
  <!-- the texts of the page: one document's, or each document's of a corpus -->
  <xsl:variable name="texts" select="/tei:TEI/tei:text | /tei:teiCorpus/tei:TEI/tei:text"/>
  <!-- the numbered notes of the texts (source notes go to the header panel, the others to the list
       at the end): found in one walk over the texts -->
  <xsl:variable name="numbered-notes" select="$texts/descendant::tei:note[@r:fn]"/>
  <xsl:variable name="main-title" select="($header/tei:fileDesc/tei:titleStmt/tei:title[@type='main'] | $header/tei:fileDesc/tei:titleStmt/tei:title[not(../tei:title[@type='main'])][1])[1]"/>
  <xsl:variable name="doc-title">
    <xsl:choose>
      <xsl:when test="normalize-space($main-title) != ''"><xsl:value-of select="normalize-space($main-title)"/></xsl:when>
      <xsl:when test="normalize-space((//tei:text//tei:head)[1]) != ''"><xsl:value-of select="normalize-space((//tei:text//tei:head)[1])"/></xsl:when>
      <xsl:otherwise>Untitled document</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="archive-ref">
    <xsl:for-each select="$header/tei:fileDesc/tei:sourceDesc//tei:msIdentifier[1]/*[self::tei:country or self::tei:settlement or self::tei:institution or self::tei:repository or self::tei:collection or self::tei:idno]">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="cite-prefix">
    <xsl:value-of select="$doc-title"/>
    <xsl:if test="$archive-ref != ''">
      <xsl:value-of select="concat('. ', $archive-ref)"/>
    </xsl:if>
    <xsl:value-of select="concat('. ', $base-url, $reading-page)"/>
  </xsl:variable>
  <!-- the hover text of every paragraph's ¶ link, up to the anchor (built once per page) -->
  <xsl:variable name="cite-title-prefix" select="concat('Cite: ', $cite-prefix, '#')"/>
  <xsl:variable name="screen" select="$view != 'print'"/>
  <xsl:variable name="view-label">
    <xsl:choose>
      <xsl:when test="$view = 'diplomatic'">Diplomatic view</xsl:when>
      <xsl:when test="$view = 'review'">Review view</xsl:when>
      <xsl:when test="$view = 'print'">Print</xsl:when>
      <xsl:otherwise>Reading view</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="/*/@xml:lang"><xsl:value-of select="/*/@xml:lang"/></xsl:when>
          <xsl:otherwise>en</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="concat($doc-title, ' (', $view-label, ')')"/></title>
        <meta name="edition-title" content="{$doc-title}"/>
        <meta name="edition-view" content="{$view}"/>
        <xsl:if test="$screen">
          <link rel="stylesheet" href="{$root}assets/edition.css"/>
          <xsl:if test="$texts/@r:chains">
            <!-- the parts of a split speech light up together (CSS only, no script) -->
            <style>
              <xsl:for-each select="$texts/descendant::*[@r:chainfirst]">
                <xsl:value-of select="concat('.text:has([data-chain=&quot;', @r:chain, '&quot;]:hover) [data-chain=&quot;', @r:chain, '&quot;] { background: #e6eef6; }&#10;')"/>
              </xsl:for-each>
            </style>
          </xsl:if>
        </xsl:if>
      </head>
      <body class="view-{$view}">
        <xsl:if test="$screen">
          <a class="skip-link" href="#text">Skip to the text</a>
          <header class="site-header">
            <p class="site-title"><a href="{$root}index.html"><xsl:value-of select="$site-title"/></a></p>
            <nav class="site-nav" aria-label="Site">
              <ul>
                <li><a href="{$root}index.html">Documents</a></li>
                <li><a href="{$root}persons.html">Persons</a></li>
                <li><a href="{$root}places.html">Places</a></li>
                <li><a href="{$root}terms.html">Terms</a></li>
                <li><a href="{$root}search.html">Search</a></li>
              </ul>
            </nav>
          </header>
        </xsl:if>
        <main id="main">
          <article class="document">
            <xsl:apply-templates select="$header" mode="panel"/>
            <xsl:if test="not($header)">
              <header class="doc-header"><h1 class="doc-title"><xsl:value-of select="$doc-title"/></h1></header>
            </xsl:if>
            <xsl:if test="$screen">
              <xsl:call-template name="view-switch"/>
              <xsl:if test="$texts/@r:pages">
                <!-- a toggle that needs no script: the checkbox is a sibling of the text -->
                <input type="checkbox" id="show-pages" class="toggle" checked="checked"/>
                <label for="show-pages" class="toggle-label">Show the source's page breaks in the margin</label>
              </xsl:if>
            </xsl:if>
            <section id="text" class="text">
              <xsl:if test="$screen"><xsl:attribute name="aria-labelledby">text-heading</xsl:attribute></xsl:if>
              <xsl:if test="$screen">
                <h2 id="text-heading" class="visually-hidden gen"><xsl:value-of select="concat('Text (', $view-label, ')')"/></h2>
              </xsl:if>
              <xsl:apply-templates select="$texts"/>
            </section>
            <xsl:if test="$screen">
              <xsl:call-template name="footnote-list"/>
              <xsl:call-template name="emendation-list"/>
            </xsl:if>
          </article>
        </main>
        <xsl:if test="$screen">
          <footer class="site-footer">
            <p><xsl:value-of select="$site-title"/>. <xsl:value-of select="$view-label"/> of <cite><xsl:value-of select="$doc-title"/></cite>.</p>
          </footer>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="view-switch">
    <nav class="view-switch" aria-label="Views of this document">
      <ul>
        <xsl:call-template name="view-link">
          <xsl:with-param name="name" select="'reading'"/>
          <xsl:with-param name="href" select="$reading-page"/>
          <xsl:with-param name="label" select="'Reading view'"/>
        </xsl:call-template>
        <xsl:call-template name="view-link">
          <xsl:with-param name="name" select="'diplomatic'"/>
          <xsl:with-param name="href" select="$diplomatic-page"/>
          <xsl:with-param name="label" select="'Diplomatic view'"/>
        </xsl:call-template>
        <xsl:if test="$review-page != ''">
          <xsl:call-template name="view-link">
            <xsl:with-param name="name" select="'review'"/>
            <xsl:with-param name="href" select="$review-page"/>
            <xsl:with-param name="label" select="'Review view (conversion notes)'"/>
          </xsl:call-template>
        </xsl:if>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="view-link">
    <xsl:param name="name"/>
    <xsl:param name="href"/>
    <xsl:param name="label"/>
    <li>
      <xsl:choose>
        <xsl:when test="$view = $name">
          <a class="view-link current" href="{$href}" aria-current="page" data-view="{$name}"><xsl:value-of select="$label"/></a>
        </xsl:when>
        <xsl:otherwise>
          <a class="view-link" href="{$href}" data-view="{$name}"><xsl:value-of select="$label"/></a>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>
</xsl:stylesheet>
