<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared helpers: identifier lookups, labels for reasons and languages, safe links. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:r="urn:x-edition-tools:render"
  exclude-result-prefixes="tei r">

  <!-- the xml:id attributes, not their elements: libxslt indexes a key on attributes faster; a
       lookup takes the element as key(...)/.. -->
  <xsl:key name="id" match="@xml:id" use="."/>

  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>

  <!-- The display name of the element with xml:id $id in this document, else $unknown. A caller
       that has looked the element up already passes it as $target. Persons, places, organisations
       and responsibility statements carry their name as r:label, computed once per document by the
       renderer (edition_tools.render.html.annotate: "Castro, Fidel" reads as "Fidel Castro");
       any other element is named by its text. -->
  <xsl:template name="label-for-id">
    <xsl:param name="id"/>
    <xsl:param name="target" select="key('id', $id)[1]/.."/>
    <xsl:param name="unknown" select="''"/>
    <xsl:variable name="label" select="concat(
        $target[self::tei:person or self::tei:place or self::tei:org or self::tei:respStmt]/@r:label,
        normalize-space($target[not(self::tei:person or self::tei:place or self::tei:org or self::tei:respStmt)]))"/>
    <xsl:choose>
      <xsl:when test="$label != ''"><xsl:value-of select="$label"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$unknown"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Names for a list of pointers ("#a #b"), joined with " and "; unknown pointers shown as written. -->
  <xsl:template name="labels-for-pointers">
    <xsl:param name="pointers"/>
    <xsl:variable name="list" select="concat(normalize-space($pointers), ' ')"/>
    <xsl:variable name="first" select="substring-before($list, ' ')"/>
    <xsl:variable name="rest" select="normalize-space(substring-after($list, ' '))"/>
    <xsl:if test="$first != ''">
      <xsl:choose>
        <xsl:when test="starts-with($first, '#')">
          <xsl:call-template name="label-for-id">
            <xsl:with-param name="id" select="substring($first, 2)"/>
            <xsl:with-param name="unknown" select="substring($first, 2)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$rest != ''">
        <xsl:text> and </xsl:text>
        <xsl:call-template name="labels-for-pointers">
          <xsl:with-param name="pointers" select="$rest"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- "who supplied it": the @resp of the context element as a name, prefixed with " by ". -->
  <xsl:template name="resp-phrase">
    <xsl:if test="@resp">
      <xsl:text>; by </xsl:text>
      <xsl:call-template name="labels-for-pointers">
        <xsl:with-param name="pointers" select="@resp"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="@cert">
      <xsl:text>; certainty: </xsl:text>
      <xsl:value-of select="@cert"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="supplied-reason">
    <xsl:param name="reason" select="@reason"/>
    <xsl:choose>
      <xsl:when test="$reason = 'implicit-in-original'">added in translation: implicit in the original</xsl:when>
      <xsl:when test="$reason = 'clarification'">added for clarity</xsl:when>
      <xsl:when test="$reason = 'omitted-in-original'">omitted in the original</xsl:when>
      <xsl:when test="$reason = 'illegible'">illegible in the source</xsl:when>
      <xsl:when test="$reason = 'damage'">damaged in the source</xsl:when>
      <xsl:when test="string($reason) != ''">supplied: <xsl:value-of select="$reason"/></xsl:when>
      <xsl:otherwise>supplied</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="gap-reason">
    <xsl:param name="reason" select="@reason"/>
    <xsl:choose>
      <xsl:when test="$reason = 'omitted'">passage omitted in the source</xsl:when>
      <xsl:when test="$reason = 'notDeclassified'">not declassified</xsl:when>
      <xsl:when test="$reason = 'illegible'">illegible</xsl:when>
      <xsl:when test="$reason = 'inaudible'">inaudible</xsl:when>
      <xsl:when test="$reason = 'obfuscated-email'">e-mail address not captured</xsl:when>
      <xsl:when test="$reason = 'sampling'">passage omitted in this excerpt</xsl:when>
      <xsl:when test="$reason = 'editorial'">omitted by the editors</xsl:when>
      <xsl:when test="string($reason) != ''"><xsl:value-of select="$reason"/></xsl:when>
      <xsl:otherwise>omission</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@quantity or @extent">
      <xsl:text> (</xsl:text>
      <xsl:value-of select="normalize-space(concat(@quantity, ' ', @unit, ' ', @extent))"/>
      <xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- The name of a language tag: from a short built-in list, then the header's langUsage, then the tag. -->
  <xsl:template name="language-name">
    <xsl:param name="tag"/>
    <xsl:variable name="t" select="translate($tag, $upper, $lower)"/>
    <xsl:choose>
      <xsl:when test="$t = 'ru-latn'">Russian (romanised)</xsl:when>
      <xsl:when test="$t = 'ru'">Russian</xsl:when>
      <xsl:when test="$t = 'en'">English</xsl:when>
      <xsl:when test="$t = 'es'">Spanish</xsl:when>
      <xsl:when test="$t = 'fr'">French</xsl:when>
      <xsl:when test="$t = 'de'">German</xsl:when>
      <xsl:when test="$t = 'it'">Italian</xsl:when>
      <xsl:when test="$t = 'pt'">Portuguese</xsl:when>
      <xsl:when test="$t = 'la'">Latin</xsl:when>
      <xsl:when test="$t = 'el'">Greek</xsl:when>
      <xsl:when test="$t = 'pl'">Polish</xsl:when>
      <xsl:when test="$t = 'cs'">Czech</xsl:when>
      <xsl:when test="$t = 'uk'">Ukrainian</xsl:when>
      <xsl:when test="$t = 'zh' or starts-with($t, 'zh-')">Chinese</xsl:when>
      <xsl:when test="$t = 'ja'">Japanese</xsl:when>
      <xsl:when test="$t = 'vi'">Vietnamese</xsl:when>
      <xsl:when test="$t = 'ar'">Arabic</xsl:when>
      <xsl:when test="$t = 'he'">Hebrew</xsl:when>
      <xsl:when test="$header//tei:langUsage/tei:language[@ident = $tag]">
        <xsl:value-of select="normalize-space($header//tei:langUsage/tei:language[@ident = $tag][1])"/>
      </xsl:when>
      <xsl:otherwise>language: <xsl:value-of select="$tag"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 'yes' when $url may be emitted as a link: http, https, mailto, a fragment or a relative path.
       javascript:, data:, vbscript:, file: and every other scheme are refused. Whitespace is removed
       before the check because browsers ignore it inside a scheme. -->
  <xsl:template name="is-safe-url">
    <xsl:param name="url"/>
    <xsl:variable name="u" select="translate(translate(normalize-space($url), ' ', ''), $upper, $lower)"/>
    <xsl:variable name="scheme" select="substring-before($u, ':')"/>
    <xsl:choose>
      <xsl:when test="$u = ''">no</xsl:when>
      <xsl:when test="starts-with($u, '//') or starts-with($u, '\')">no</xsl:when>
      <xsl:when test="not(contains($u, ':'))">yes</xsl:when>
      <xsl:when test="contains($scheme, '/') or contains($scheme, '?') or contains($scheme, '#')">yes</xsl:when>
      <xsl:when test="$scheme = 'http' or $scheme = 'https' or $scheme = 'mailto'">yes</xsl:when>
      <xsl:otherwise>no</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- lang="…" from xml:lang, and in the review view the certainty of the element. -->
  <xsl:template name="common-attributes">
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="$view = 'review' and @cert and @cert != 'high'">
      <xsl:attribute name="data-cert"><xsl:value-of select="@cert"/></xsl:attribute>
      <xsl:if test="@resp">
        <xsl:attribute name="data-resp"><xsl:value-of select="@resp"/></xsl:attribute>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- The citation of the document: title, archival reference, URL of the reading page; a
       passage's citation adds "#anchor" (computed once per page: see $cite-prefix). -->
  <xsl:template name="citation">
    <xsl:param name="anchor"/>
    <xsl:value-of select="$cite-prefix"/>
    <xsl:if test="$anchor != ''">
      <xsl:value-of select="concat('#', $anchor)"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
