<?xml version="1.0" encoding="UTF-8"?>
<!-- The header panel of a document page, from the teiHeader (mode "panel"). -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:r="urn:x-edition-tools:render"
  exclude-result-prefixes="tei r">

  <xsl:template match="tei:teiHeader" mode="panel">
    <xsl:variable name="fd" select="tei:fileDesc"/>
    <xsl:variable name="pd" select="tei:profileDesc"/>
    <header class="doc-header">
      <h1 class="doc-title"><xsl:value-of select="$doc-title"/></h1>
      <xsl:for-each select="$fd/tei:titleStmt/tei:title[@type='sub']">
        <p class="doc-subtitle"><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <dl class="doc-meta">
        <xsl:variable name="date" select="($pd/tei:creation//tei:date | $pd/tei:settingDesc/tei:setting/tei:date | $texts/descendant::tei:dateline/descendant::tei:date)[1]"/>
        <xsl:if test="$date">
          <dt>Date</dt>
          <dd><xsl:apply-templates select="$date"/></dd>
        </xsl:if>
        <xsl:if test="$fd/tei:titleStmt/tei:author">
          <dt>Author</dt>
          <dd>
            <xsl:for-each select="$fd/tei:titleStmt/tei:author">
              <xsl:if test="position() &gt; 1">; </xsl:if>
              <xsl:apply-templates select="." mode="name-or-text"/>
            </xsl:for-each>
          </dd>
        </xsl:if>
        <xsl:for-each select="$fd/tei:titleStmt/tei:respStmt[$view = 'review' or not(@xml:id = 'conv')] | $fd/tei:titleStmt/tei:editor">
          <dt>
            <xsl:choose>
              <xsl:when test="self::tei:editor">Editor</xsl:when>
              <xsl:otherwise>
                <xsl:variable name="resp" select="normalize-space(tei:resp[1])"/>
                <xsl:value-of select="concat(translate(substring($resp, 1, 1), $lower, $upper), substring($resp, 2))"/>
              </xsl:otherwise>
            </xsl:choose>
          </dt>
          <dd>
            <xsl:choose>
              <xsl:when test="self::tei:editor"><xsl:apply-templates/></xsl:when>
              <xsl:otherwise>
                <xsl:for-each select="tei:persName | tei:name | tei:orgName">
                  <xsl:if test="position() &gt; 1">; </xsl:if>
                  <xsl:apply-templates select="."/>
                </xsl:for-each>
              </xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:for-each>
        <xsl:if test="$archive-ref != ''">
          <dt>Archival reference</dt>
          <dd class="archive-ref">
            <xsl:value-of select="$archive-ref"/>
            <xsl:for-each select="$fd/tei:sourceDesc//tei:msContents//tei:locus[1]">
              <xsl:text>, </xsl:text><xsl:value-of select="normalize-space(.)"/>
            </xsl:for-each>
          </dd>
        </xsl:if>
        <xsl:for-each select="$fd/tei:sourceDesc/tei:bibl | $fd/tei:sourceDesc/tei:biblStruct | $fd/tei:sourceDesc/tei:p">
          <dt>Source</dt>
          <dd class="source-record"><xsl:apply-templates select="." mode="record"/></dd>
        </xsl:for-each>
        <xsl:variable name="text-source-notes" select="$numbered-notes[@type='sourceStatement']"/>
        <xsl:if test="$fd/tei:sourceDesc//tei:note[@type='sourceStatement'] or ($screen and $text-source-notes)">
          <dt>Source note</dt>
          <xsl:for-each select="$fd/tei:sourceDesc//tei:note[@type='sourceStatement']">
            <dd class="source-note"><xsl:apply-templates/></dd>
          </xsl:for-each>
          <xsl:if test="$screen">
            <xsl:for-each select="$text-source-notes">
              <dd class="source-note footnote" id="fn-{@r:fn}">
                <xsl:call-template name="footnote-body"/>
              </dd>
            </xsl:for-each>
          </xsl:if>
        </xsl:if>
        <xsl:if test="$fd/tei:publicationStmt/tei:availability">
          <dt>Rights</dt>
          <dd class="rights">
            <xsl:for-each select="$fd/tei:publicationStmt/tei:availability/*">
              <xsl:choose>
                <xsl:when test="self::tei:licence and @target">
                  <p class="licence"><span class="label">Licence: </span><xsl:call-template name="link"/></p>
                </xsl:when>
                <xsl:when test="self::tei:licence and tei:p">
                  <xsl:apply-templates/>
                </xsl:when>
                <xsl:when test="self::tei:licence">
                  <p class="licence"><span class="label">Licence: </span><xsl:apply-templates/></p>
                </xsl:when>
                <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </dd>
        </xsl:if>
        <xsl:variable name="persons" select="$pd/tei:particDesc//tei:person"/>
        <xsl:variable name="participants" select="$persons[contains(concat(' ', @role, ' '), ' participant ')]"/>
        <xsl:variable name="shown" select="$participants | $persons[not($participants)][not($persons/@role)]"/>
        <xsl:if test="$shown">
          <dt>Participants</dt>
          <dd>
            <ul class="participants">
              <xsl:for-each select="$shown">
                <li>
                  <!-- the name (r:label), or the name of an earlier element with the same xml:id (r:idlabel) -->
                  <a class="name person" href="{$root}persons.html#person-{@xml:id}">
                    <xsl:choose>
                      <xsl:when test="@r:idlabel"><xsl:value-of select="@r:idlabel"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="@r:label"/></xsl:otherwise>
                    </xsl:choose>
                  </a>
                  <xsl:if test="tei:note[@type='role']">
                    <xsl:text>, </xsl:text>
                    <xsl:value-of select="normalize-space(tei:note[@type='role'][1])"/>
                  </xsl:if>
                </li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
        <xsl:if test="$pd/tei:textClass//tei:term">
          <dt>Keywords</dt>
          <dd>
            <ul class="keywords">
              <xsl:for-each select="$pd/tei:textClass//tei:term">
                <li><xsl:value-of select="normalize-space(.)"/></li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
      </dl>
      <xsl:if test="$pd/tei:abstract">
        <section class="abstract" aria-labelledby="abstract-heading">
          <h2 id="abstract-heading">Summary</h2>
          <xsl:apply-templates select="$pd/tei:abstract/node()"/>
        </section>
      </xsl:if>
      <xsl:if test="$screen">
        <p class="cite-this"><strong>Cite this document:</strong><xsl:text> </xsl:text>
          <span class="citation"><xsl:call-template name="citation"/></span>
          <xsl:text> (each paragraph has its own link, marked ¶)</xsl:text>
        </p>
      </xsl:if>
    </header>
  </xsl:template>

  <!-- a licence without text of its own shows its address -->
  <xsl:template match="tei:licence" mode="link-content">
    <xsl:apply-templates/><xsl:if test="normalize-space(.) = ''"><xsl:value-of select="@target"/></xsl:if>
  </xsl:template>

  <!-- an author pointing at an organisation (r:org) or a person -->
  <xsl:template match="*" mode="name-or-text">
    <xsl:choose>
      <xsl:when test="@r:org">
        <a class="name org" href="{$root}persons.html#org-{substring-after(normalize-space(@ref), '#')}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:when test="starts-with(@ref, '#')">
        <a class="name person" href="{$root}persons.html#person-{substring-after(normalize-space(@ref), '#')}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A source record: its parts in order, separated by full stops. -->
  <xsl:template match="tei:bibl | tei:biblStruct" mode="record">
    <xsl:for-each select="*[not(self::tei:note[@type='sourceStatement']) and not(self::tei:relatedItem) and not(self::tei:respStmt)] | text()[normalize-space()]">
      <xsl:if test="position() &gt; 1">. </xsl:if>
      <xsl:choose>
        <xsl:when test="self::tei:idno">
          <xsl:value-of select="normalize-space(concat(@type, ' ', .))"/>
        </xsl:when>
        <xsl:when test="self::tei:ref and @target">
          <xsl:apply-templates select="."/>
        </xsl:when>
        <xsl:when test="self::tei:date">
          <xsl:if test="@type"><xsl:value-of select="concat(@type, ' ')"/></xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:when>
        <xsl:when test="self::tei:author and @ref">
          <xsl:apply-templates select="." mode="name-or-text"/>
        </xsl:when>
        <xsl:when test="self::tei:analytic or self::tei:monogr or self::tei:imprint">
          <xsl:apply-templates select="." mode="record"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:analytic | tei:monogr | tei:imprint" mode="record">
    <xsl:for-each select="*">
      <xsl:if test="position() &gt; 1">. </xsl:if>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:p" mode="record">
    <xsl:apply-templates/>
  </xsl:template>
</xsl:stylesheet>
