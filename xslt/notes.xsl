<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes: numbered footnotes (linked both ways), inline notes, original terms, conversion notes.

     A note is numbered when the renderer gave it r:fn (every note in the text except inline notes,
     original terms and conversion notes). Screen views put a call in the text and the note in a
     list at the end (source notes in the header panel); the print view puts the note's text in a
     span.fn-print right after the call, for the PDF's footnote area. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:r="urn:x-edition-tools:render"
  exclude-result-prefixes="tei r">

  <xsl:template match="tei:note">
    <xsl:choose>
      <xsl:when test="@type = 'conversion'">
        <xsl:if test="$view = 'review'">
          <span class="conversion-note" role="note">
            <xsl:if test="@target"><xsl:attribute name="data-target"><xsl:value-of select="@target"/></xsl:attribute></xsl:if>
            <span class="gen">[conversion note: </span>
            <xsl:apply-templates/>
            <span class="gen">]</span>
          </span>
        </xsl:if>
      </xsl:when>
      <xsl:when test="@r:fn">
        <!-- inside a link the call would be a link in a link: the link puts it after itself (the
             renderer marks such a note r:deferred, and the link r:calls) -->
        <xsl:if test="not(@r:deferred)">
          <xsl:call-template name="note-call"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <span class="note-inline{concat(substring(' note-', 1, 6 * boolean(@type)), translate(@type, ' ', '-'))}">
          <xsl:if test="@type = 'originalTerm' and $view != 'diplomatic'">
            <xsl:attribute name="title">
              <xsl:text>original term</xsl:text>
              <xsl:call-template name="resp-phrase"/>
            </xsl:attribute>
          </xsl:if>
          <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
          <span class="gen bracket">[</span>
          <xsl:apply-templates/>
          <span class="gen bracket">]</span>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="note-call">
    <a class="fn-call" href="#fn-{@r:fn}" id="fnref-{@r:fn}" role="doc-noteref" aria-label="Note {@r:fnlabel}">
      <xsl:value-of select="@r:fnlabel"/>
    </a>
    <xsl:if test="$view = 'print'">
      <span class="fn-print"><xsl:apply-templates mode="flat"/></span>
    </xsl:if>
  </xsl:template>

  <!-- after the outermost link (ref, ptr, a name with a pointer) around numbered notes at its own
       note level (r:calls): their calls -->
  <xsl:template name="deferred-note-calls">
    <xsl:variable name="depth" select="count(ancestor::tei:note)"/>
    <xsl:for-each select="descendant::tei:note[@r:fn][count(ancestor::tei:note) = $depth]">
      <xsl:call-template name="note-call"/>
    </xsl:for-each>
  </xsl:template>

  <!-- the numbered notes of the text, except source notes (they are in the header panel) -->
  <xsl:template name="footnote-list">
    <xsl:variable name="notes" select="$numbered-notes[not(@type = 'sourceStatement')]"/>
    <xsl:if test="$notes">
      <section class="footnotes" aria-labelledby="notes-heading" role="doc-endnotes">
        <h2 id="notes-heading">Notes</h2>
        <ol class="fn-list">
          <xsl:for-each select="$notes">
            <li class="footnote{concat(substring(' note-', 1, 6 * boolean(@type)), translate(@type, ' ', '-'))}" id="fn-{@r:fn}">
              <xsl:call-template name="footnote-body"/>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- reading and review views: the editors' corrections, each linked to its passage -->
  <xsl:template name="emendation-list">
    <!-- the view is tested on the texts, before the walk through them -->
    <xsl:variable name="choices" select="$texts[$view = 'reading' or $view = 'review']/descendant::tei:choice[tei:sic and tei:corr]"/>
    <xsl:if test="$choices">
      <section class="emendations" aria-labelledby="emendations-heading">
        <h2 id="emendations-heading">Emendations</h2>
        <ol class="emendation-list">
          <xsl:for-each select="$choices">
            <xsl:variable name="anchor" select="ancestor::*[@r:anchor][1]/@r:anchor"/>
            <li>
              <xsl:choose>
                <xsl:when test="$anchor"><a href="#{$anchor}"><xsl:value-of select="normalize-space(tei:corr[1])"/></a></xsl:when>
                <xsl:otherwise><xsl:value-of select="normalize-space(tei:corr[1])"/></xsl:otherwise>
              </xsl:choose>
              <xsl:text>: the source reads “</xsl:text>
              <xsl:value-of select="normalize-space(tei:sic[1])"/>
              <xsl:text>”</xsl:text>
              <xsl:if test="tei:corr[1]/@resp">
                <xsl:text> (corrected by </xsl:text>
                <xsl:value-of select="tei:corr[1]/@r:resp"/>
                <xsl:text>)</xsl:text>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="footnote-body">
    <a class="fn-back" href="#fnref-{@r:fn}" aria-label="Back to the text at note {@r:fnlabel}">
      <xsl:value-of select="@r:fnlabel"/>
    </a>
    <xsl:text> </xsl:text>
    <div class="fn-body">
      <xsl:if test="@xml:lang or @cert"><xsl:call-template name="common-attributes"/></xsl:if>
      <xsl:choose>
        <xsl:when test="tei:p | tei:ab | tei:list | tei:table | tei:lg | tei:quote[@r:block]">
          <xsl:apply-templates/>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:apply-templates/></p>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- mode flat: a note's content as one run of inline text (print footnotes) -->
  <xsl:template match="tei:p | tei:ab | tei:lg | tei:l | tei:list | tei:item | tei:table | tei:row | tei:cell | tei:figure | tei:head | tei:label | tei:div | tei:quote[@r:block] | tei:said[@r:block] | tei:q[@r:block]" mode="flat">
    <span class="{local-name()}"><xsl:apply-templates mode="flat"/></span>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:note" mode="flat">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="*" mode="flat">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="text()" mode="flat">
    <xsl:value-of select="."/>
  </xsl:template>
</xsl:stylesheet>
