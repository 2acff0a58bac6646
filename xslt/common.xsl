<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared helpers: labels for reasons, common attributes, the citation. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:r="urn:x-edition-tools:render"
  exclude-result-prefixes="tei r">

  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>

  <!-- "who supplied it": the @resp of the context element as a name, prefixed with " by ". -->
  <xsl:template name="resp-phrase">
    <xsl:if test="@resp">
      <xsl:text>; by </xsl:text>
      <xsl:value-of select="@r:resp"/>
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
