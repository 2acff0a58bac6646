<?xml version="1.0" encoding="UTF-8"?>
<!-- The text of a document: blocks, speech, editorial interventions, names, dates, links.
     Any element without a template of its own falls back to its content in a span or div whose
     class names the element (tei-NAME), so no text is lost. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:r="urn:x-edition-tools:render"
  exclude-result-prefixes="tei r">

  <!-- ============================================================ structure -->

  <xsl:template match="tei:text">
    <div class="tei-text">
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back | tei:group">
    <div class="tei-{local-name()}">
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:floatingText">
    <section class="div{substring(' div-', 1, 5 * boolean(@type))}{translate(@type, ' ', '-')}">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- the heading of a division: h3 to h6 by its depth (r:level). Literal elements: an
       xsl:element with a computed name compiles its expression again on every call. -->
  <xsl:template match="tei:head">
    <xsl:choose>
      <xsl:when test="@r:level = '3'"><h3 class="head"><xsl:call-template name="content"/></h3></xsl:when>
      <xsl:when test="@r:level = '4'"><h4 class="head"><xsl:call-template name="content"/></h4></xsl:when>
      <xsl:when test="@r:level = '5'"><h5 class="head"><xsl:call-template name="content"/></h5></xsl:when>
      <xsl:when test="@r:level"><h6 class="head"><xsl:call-template name="content"/></h6></xsl:when>
      <xsl:when test="parent::tei:table"/>
      <xsl:otherwise>
        <p class="head head-{local-name(..)}"><xsl:call-template name="content"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- an element's lang (and review attributes) and content -->
  <xsl:template name="content">
    <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- a paragraph becomes a div when it holds blocks (r:blocks), which an HTML p cannot contain -->
  <xsl:template match="tei:p | tei:ab">
    <xsl:choose>
      <xsl:when test="@r:blocks">
        <div class="p {local-name()}">
          <xsl:call-template name="block-content"/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:if test="self::tei:ab"><xsl:attribute name="class">ab</xsl:attribute></xsl:if>
          <xsl:call-template name="block-content"/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="block-content">
    <xsl:if test="@r:anchor"><xsl:attribute name="id"><xsl:value-of select="@r:anchor"/></xsl:attribute></xsl:if>
    <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
    <xsl:apply-templates/>
    <xsl:call-template name="cite-link"/>
  </xsl:template>

  <xsl:template name="cite-link">
    <!-- a speech whose paragraphs have their own links gets no second one (its anchor stays) -->
    <xsl:if test="$screen and @r:anchor and not(descendant::*/@r:anchor)">
      <xsl:text> </xsl:text>
      <a class="cite-link gen" href="#{@r:anchor}" title="{$cite-title-prefix}{@r:anchor}" aria-label="Link to this passage">¶</a>
    </xsl:if>
  </xsl:template>

  <!-- opener, closer and their parts: blocks, except inside a paragraph or a heading (r:inline) -->
  <xsl:template match="tei:opener | tei:closer | tei:byline | tei:dateline | tei:salute | tei:signed | tei:postscript | tei:trailer | tei:epigraph | tei:argument | tei:titlePage | tei:docTitle | tei:titlePart | tei:docImprint | tei:docEdition | tei:address | tei:addrLine | tei:stage | tei:label">
    <xsl:choose>
      <xsl:when test="@r:inline">
        <span class="{local-name()}"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <div class="{local-name()}"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:docAuthor | tei:docDate">
    <span class="{local-name()}"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:seg">
    <span>
      <xsl:attribute name="class">
        <xsl:text>seg</xsl:text>
        <xsl:if test="@type"><xsl:value-of select="concat(' seg-', translate(@type, ' ', '-'))"/></xsl:if>
      </xsl:attribute>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ============================================================ lists, tables, figures, verse -->

  <xsl:template match="tei:list">
    <div class="list{concat(substring(' list-', 1, 6 * boolean(@type)), translate(@type, ' ', '-'))}">
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:for-each select="tei:head">
        <p class="list-head"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="tei:label">
          <dl>
            <xsl:apply-templates select="*[not(self::tei:head)]" mode="glossary"/>
          </dl>
        </xsl:when>
        <xsl:when test="contains(@rend, 'numbered') or contains(@rend, 'ordered') or @type = 'ordered'">
          <ol><xsl:apply-templates select="*[not(self::tei:head)]"/></ol>
        </xsl:when>
        <xsl:otherwise>
          <ul><xsl:apply-templates select="*[not(self::tei:head)]"/></ul>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template match="tei:item">
    <li>
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="tei:label" mode="glossary">
    <dt><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></dt>
  </xsl:template>
  <xsl:template match="tei:item" mode="glossary">
    <dd><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></dd>
  </xsl:template>
  <xsl:template match="*" mode="glossary">
    <dd><xsl:apply-templates select="."/></dd>
  </xsl:template>

  <xsl:template match="tei:table">
    <table class="table">
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:if test="tei:head">
        <caption><xsl:apply-templates select="tei:head/node()"/></caption>
      </xsl:if>
      <tbody><xsl:apply-templates select="*[not(self::tei:head)]"/></tbody>
    </table>
  </xsl:template>

  <xsl:template match="tei:row">
    <tr><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates select="*"/></tr>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:choose>
      <xsl:when test="@role = 'label' or parent::tei:row/@role = 'label'"><th><xsl:call-template name="cell-content"/></th></xsl:when>
      <xsl:otherwise><td><xsl:call-template name="cell-content"/></td></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="cell-content">
    <xsl:if test="@cols and number(@cols) &gt; 1 and number(@cols) &lt; 1000"><xsl:attribute name="colspan"><xsl:value-of select="number(@cols)"/></xsl:attribute></xsl:if>
    <xsl:if test="@rows and number(@rows) &gt; 1 and number(@rows) &lt; 1000"><xsl:attribute name="rowspan"><xsl:value-of select="number(@rows)"/></xsl:attribute></xsl:if>
    <xsl:call-template name="content"/>
  </xsl:template>

  <xsl:template match="tei:figure">
    <figure class="figure">
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates select="tei:graphic | tei:media"/>
      <xsl:if test="node()[not(self::tei:graphic or self::tei:media)][normalize-space() or self::*]">
        <figcaption>
          <xsl:for-each select="node()[not(self::tei:graphic or self::tei:media)]">
            <xsl:choose>
              <xsl:when test="self::tei:head"><span class="head"><xsl:apply-templates/></span><xsl:text> </xsl:text></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:figDesc">
    <span class="figdesc"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></span>
  </xsl:template>

  <!-- images are linked, not embedded: an embedded remote image would make a request -->
  <xsl:template match="tei:graphic | tei:media">
    <xsl:if test="@r:href and $screen">
      <a class="graphic gen" href="{@r:href}">[image]</a>
    </xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:lg">
    <div class="lg"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></div>
  </xsl:template>

  <!-- a line of verse inside a paragraph (r:inline) is a span -->
  <xsl:template match="tei:l">
    <xsl:choose>
      <xsl:when test="@r:inline">
        <span class="l"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <div class="l"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ speech and quotation -->

  <xsl:template match="tei:sp">
    <div class="sp">
      <xsl:if test="@r:anchor"><xsl:attribute name="id"><xsl:value-of select="@r:anchor"/></xsl:attribute></xsl:if>
      <xsl:if test="@r:speech and $screen and $view != 'diplomatic'">
        <xsl:attribute name="title"><xsl:value-of select="@r:speech"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
      <xsl:call-template name="cite-link"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <p class="speaker"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:said | tei:q | tei:quote">
    <xsl:choose>
      <xsl:when test="@r:block">
        <blockquote class="{local-name()} block">
          <xsl:if test="@r:chain and $screen"><xsl:attribute name="data-chain"><xsl:value-of select="@r:chain"/></xsl:attribute></xsl:if>
          <xsl:if test="@r:anchor"><xsl:attribute name="id"><xsl:value-of select="@r:anchor"/></xsl:attribute></xsl:if>
          <xsl:if test="@r:speech and $screen and $view != 'diplomatic'">
            <xsl:attribute name="title"><xsl:value-of select="@r:speech"/></xsl:attribute>
          </xsl:if>
          <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
          <xsl:if test="@r:who and $view != 'diplomatic'">
            <p class="speaker-label gen"><xsl:value-of select="@r:who"/>:</p>
          </xsl:if>
          <xsl:call-template name="open-quote"/>
          <xsl:apply-templates/>
          <xsl:call-template name="close-quote"/>
          <xsl:call-template name="cite-link"/>
        </blockquote>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}">
          <xsl:if test="self::tei:said and @direct != 'false'"><xsl:attribute name="class">said direct</xsl:attribute></xsl:if>
          <xsl:if test="@r:chain and $screen"><xsl:attribute name="data-chain"><xsl:value-of select="@r:chain"/></xsl:attribute></xsl:if>
          <xsl:if test="@r:speech and $screen and $view != 'diplomatic'">
            <xsl:attribute name="title"><xsl:value-of select="@r:speech"/></xsl:attribute>
          </xsl:if>
          <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
          <xsl:call-template name="open-quote"/>
          <xsl:apply-templates/>
          <xsl:call-template name="close-quote"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:soCalled | tei:mentioned | tei:gloss | tei:distinct">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:call-template name="open-quote"/>
      <xsl:apply-templates/>
      <xsl:call-template name="close-quote"/>
    </span>
  </xsl:template>

  <!-- Quotation marks are regenerated from @rendition (#dq opens, #dq-close closes). Without a
       @rendition, quote, q and soCalled get both marks (the TEI reading of these elements);
       said never gets marks it does not declare: adding them would be an editorial claim. -->
  <xsl:template name="open-quote">
    <xsl:choose>
      <xsl:when test="contains(concat(' ', normalize-space(@rendition), ' '), ' #dq ')"><span class="gen q-mark">“</span></xsl:when>
      <xsl:when test="not(@rendition) and not(@rend) and not(@r:block) and (self::tei:quote or self::tei:q or self::tei:soCalled)"><span class="gen q-mark">“</span></xsl:when>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="close-quote">
    <xsl:choose>
      <xsl:when test="contains(concat(' ', normalize-space(@rendition), ' '), ' #dq-close ')"><span class="gen q-mark">”</span></xsl:when>
      <xsl:when test="not(@rendition) and not(@rend) and not(@r:block) and (self::tei:quote or self::tei:q or self::tei:soCalled)"><span class="gen q-mark">”</span></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ editorial interventions -->

  <xsl:template match="tei:sic">
    <span class="sic">
      <xsl:if test="$view != 'diplomatic'">
        <xsl:attribute name="title">
          <xsl:text>flagged as an error</xsl:text>
          <xsl:if test="@resp"> by <xsl:value-of select="@r:resp"/></xsl:if>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
    </span>
    <xsl:choose>
      <xsl:when test="$view = 'diplomatic' and contains(@rendition, '#sicMarker')"><span class="gen sic-mark"> [SIC]</span></xsl:when>
      <xsl:when test="$view = 'diplomatic'"/>
      <xsl:otherwise><span class="gen sic-mark"> [sic]</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- choice: the reading view shows the correction, regularisation or abbreviation; the
       diplomatic view shows the source's form; the other form is named on hover. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="shown" select="(tei:corr[$view != 'diplomatic'] | tei:reg[$view != 'diplomatic'] | tei:sic[$view = 'diplomatic'] | tei:orig[$view = 'diplomatic'])[1] | tei:abbr[not(current()/tei:corr or current()/tei:sic or current()/tei:reg or current()/tei:orig)][1]"/>
    <xsl:variable name="first" select="($shown | *[not($shown)][1])[1]"/>
    <span class="choice {local-name($first)}">
      <xsl:attribute name="title">
        <xsl:for-each select="*[count(. | $first) != 1]">
          <xsl:if test="position() &gt; 1">; </xsl:if>
          <xsl:choose>
            <xsl:when test="self::tei:sic">source reads: </xsl:when>
            <xsl:when test="self::tei:corr">editor's correction: </xsl:when>
            <xsl:when test="self::tei:orig">original spelling: </xsl:when>
            <xsl:when test="self::tei:reg">regularised: </xsl:when>
            <xsl:when test="self::tei:expan">expansion: </xsl:when>
            <xsl:when test="self::tei:abbr">abbreviation: </xsl:when>
            <xsl:otherwise><xsl:value-of select="concat(local-name(), ': ')"/></xsl:otherwise>
          </xsl:choose>
          <xsl:value-of select="normalize-space(.)"/>
          <xsl:if test="@resp"> (<xsl:value-of select="@r:resp"/>)</xsl:if>
        </xsl:for-each>
      </xsl:attribute>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates select="$first/node()"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:corr | tei:reg | tei:orig | tei:abbr | tei:expan | tei:unclear | tei:damage | tei:surplus | tei:secl | tei:add">
    <span class="{local-name()}">
      <xsl:if test="$view != 'diplomatic' and (@resp or @reason or @cert or @hand or @place)">
        <xsl:attribute name="title">
          <xsl:value-of select="local-name()"/>
          <xsl:if test="@reason"><xsl:value-of select="concat(': ', @reason)"/></xsl:if>
          <xsl:if test="@place"><xsl:value-of select="concat(', ', @place)"/></xsl:if>
          <xsl:call-template name="resp-phrase"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:del">
    <del class="del"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></del>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <span class="supplied">
      <xsl:attribute name="title">
        <xsl:call-template name="supplied-reason"/>
        <xsl:call-template name="resp-phrase"/>
      </xsl:attribute>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <span class="gen bracket">[</span>
      <xsl:apply-templates/>
      <span class="gen bracket">]</span>
    </span>
  </xsl:template>

  <!-- a gap between blocks is a block of its own -->
  <xsl:template match="tei:gap[parent::tei:div or parent::tei:div1 or parent::tei:div2 or parent::tei:div3 or parent::tei:body or parent::*/@r:block or parent::tei:sp]">
    <p class="gap-block"><xsl:call-template name="gap"/></p>
  </xsl:template>

  <xsl:template match="tei:gap" name="gap">
    <xsl:variable name="reason"><xsl:call-template name="gap-reason"/></xsl:variable>
    <span class="gap" title="{$reason}">
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <span class="gen bracket">[</span>
      <xsl:choose>
        <xsl:when test="tei:desc and normalize-space(tei:desc) != ''">
          <xsl:apply-templates select="tei:desc/node()"/>
        </xsl:when>
        <xsl:otherwise>
          <span class="gen">…</span>
          <xsl:if test="$screen"><span class="gen visually-hidden"><xsl:value-of select="concat(' ', $reason)"/></span></xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <span class="gen bracket">]</span>
    </span>
  </xsl:template>

  <xsl:template match="tei:space">
    <span class="space"><xsl:text> </xsl:text></span>
  </xsl:template>

  <!-- ============================================================ phrases -->

  <!-- sup, sub, i or b from @rend (r:hi; r:rend is @rend in lower case, normalised) -->
  <xsl:template match="tei:hi">
    <xsl:choose>
      <xsl:when test="@r:hi = 'i'"><i class="hi"><xsl:call-template name="hi-content"/></i></xsl:when>
      <xsl:when test="@r:hi = 'b'"><b class="hi"><xsl:call-template name="hi-content"/></b></xsl:when>
      <xsl:when test="@r:hi = 'sup'"><sup class="hi"><xsl:call-template name="hi-content"/></sup></xsl:when>
      <xsl:when test="@r:hi = 'sub'"><sub class="hi"><xsl:call-template name="hi-content"/></sub></xsl:when>
      <xsl:otherwise><span class="hi"><xsl:call-template name="hi-content"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- @rend in lower case, normalised (r:rend, where that changes it) -->
  <xsl:template name="hi-content">
    <xsl:if test="@rend">
      <xsl:attribute name="data-rend">
        <xsl:choose>
          <xsl:when test="@r:rend"><xsl:value-of select="@r:rend"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@rend"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
    </xsl:if>
    <xsl:call-template name="content"/>
  </xsl:template>

  <xsl:template match="tei:emph">
    <em class="emph"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></em>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <i class="foreign"><xsl:call-template name="language-content"/></i>
  </xsl:template>

  <xsl:template match="tei:term">
    <span class="term"><xsl:call-template name="language-content"/></span>
  </xsl:template>

  <!-- the language named on hover (r:langname), except in the diplomatic view -->
  <xsl:template name="language-content">
    <xsl:if test="@r:langname and $view != 'diplomatic'">
      <xsl:attribute name="title"><xsl:value-of select="@r:langname"/></xsl:attribute>
    </xsl:if>
    <xsl:call-template name="content"/>
  </xsl:template>

  <xsl:template match="tei:title">
    <cite class="title"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></cite>
  </xsl:template>

  <!-- A name pointing at a person, place or organisation links to its entry in the registers in the
       reading and review views. The renderer gives it the link (r:href, "persons.html#person-id"),
       with the kind of entry after the "#", and the hover text (r:title: the name, with a role or an
       identification); a name inside a link or inside another linked name has no r:href. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:geogName">
    <xsl:choose>
      <xsl:when test="@r:href and ($view = 'reading' or $view = 'review')">
        <a class="name {substring-before(substring-after(@r:href, '#'), '-')}" href="{$root}{@r:href}">
          <xsl:if test="@r:title"><xsl:attribute name="title"><xsl:value-of select="@r:title"/></xsl:attribute></xsl:if>
          <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name {concat(substring('person', 1, 6 * boolean(self::tei:persName or (not(self::tei:placeName or self::tei:geogName or self::tei:orgName) and not(@type = 'place' or @type = 'org')))), substring('place', 1, 5 * boolean(self::tei:placeName or self::tei:geogName or (@type = 'place' and not(self::tei:persName or self::tei:orgName)))), substring('org', 1, 3 * boolean(self::tei:orgName or (@type = 'org' and not(self::tei:persName or self::tei:placeName or self::tei:geogName)))))}">
          <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@r:calls"><xsl:call-template name="deferred-note-calls"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:roleName">
    <span class="roleName">
      <xsl:if test="$view != 'diplomatic'">
        <xsl:choose>
          <xsl:when test="normalize-space(.) = 'Cde.'"><xsl:attribute name="title">Comrade</xsl:attribute></xsl:when>
          <xsl:when test="@type"><xsl:attribute name="title"><xsl:value-of select="@type"/></xsl:attribute></xsl:when>
        </xsl:choose>
      </xsl:if>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:date | tei:time">
    <xsl:variable name="iso" select="normalize-space((@when | @when-iso | @from | @notBefore)[1])"/>
    <time class="date">
      <xsl:if test="$iso != ''">
        <xsl:attribute name="datetime"><xsl:value-of select="$iso"/></xsl:attribute>
        <xsl:attribute name="title">
          <xsl:value-of select="$iso"/>
          <xsl:if test="@to or @notAfter"><xsl:value-of select="concat(' to ', (@to | @notAfter)[1])"/></xsl:if>
          <xsl:if test="@evidence = 'internal'"> (year inferred from the document date)</xsl:if>
          <xsl:if test="@cert and @cert != 'high'"><xsl:value-of select="concat(' (certainty ', @cert, ')')"/></xsl:if>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
    </time>
  </xsl:template>

  <xsl:template match="tei:num | tei:measure">
    <span class="{local-name()}">
      <xsl:if test="@value or @quantity"><xsl:attribute name="data-value"><xsl:value-of select="(@value | @quantity)[1]"/></xsl:attribute></xsl:if>
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- links: only http, https, mailto, fragments and relative paths are emitted as links (the
       renderer gives a safe one r:href; a ref or ptr inside another has r:nested) -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:choose>
      <xsl:when test="@r:nested or $view = 'print'">
        <span class="ref"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="link"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@r:calls"><xsl:call-template name="deferred-note-calls"/></xsl:if>
  </xsl:template>

  <!-- an <a> to r:href when the address is safe, else a span; a fragment pointing at a paragraph or
       a note goes to that paragraph's or note's anchor in the page (the renderer's r:href) -->
  <xsl:template name="link">
    <xsl:choose>
      <xsl:when test="@r:href">
        <a class="ref" href="{@r:href}">
          <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
          <xsl:apply-templates select="." mode="link-content"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref unsafe-link"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates select="." mode="link-content"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a ptr, or a ref without content, shows its address (r:url) -->
  <xsl:template match="tei:ref | tei:ptr" mode="link-content">
    <xsl:apply-templates/>
    <xsl:if test="@r:url"><span class="gen"><xsl:value-of select="@r:url"/></span></xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb">
    <br/>
  </xsl:template>

  <xsl:template match="tei:pb">
    <span class="pb" data-label="{@r:pb}">
      <xsl:if test="@r:pbn"><xsl:attribute name="id"><xsl:value-of select="concat('page-', @r:pbn)"/></xsl:attribute></xsl:if>
    </span>
    <xsl:if test="@r:facs and $screen">
      <a class="facs gen" href="{@r:facs}">[facsimile]</a>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:gb">
    <span class="{local-name()}">
      <xsl:if test="@n"><xsl:attribute name="data-label"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:anchor">
    <span class="anchor">
      <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
    </span>
  </xsl:template>

  <!-- ============================================================ fallbacks -->

  <!-- any other TEI element: its content, in a block or inline box whose class names it -->
  <xsl:template match="tei:*">
    <xsl:choose>
      <xsl:when test="tei:p | tei:ab | tei:div | tei:list | tei:table | tei:lg | tei:sp | tei:figure | tei:head | *[@r:block]">
        <div class="tei-{local-name()}"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()}"><xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- elements of other vocabularies inside TEI: their text only -->
  <xsl:template match="*">
    <span class="foreign-markup"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()"/>
</xsl:stylesheet>
