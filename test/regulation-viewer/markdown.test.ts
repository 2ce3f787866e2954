import { expect } from '@open-wc/testing';
import { parse, safeHref, type Block, type Inline } from '../../src/regulation-viewer/markdown.js';
import { numberPoints } from '../../src/regulation-viewer/points.js';
import { occurrences } from '../../src/regulation-viewer/search.js';

// The AST written as pseudo-HTML, so that a failing test shows what was parsed at a glance.
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
function inl(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
          return esc(n.v);
        case 'br':
          return '<br>';
        case 'link':
          return `<a${n.auto ? ' auto' : ''} href="${n.href}">${inl(n.c)}</a>`;
        default:
          return `<${n.t}>${inl(n.c)}</${n.t}>`;
      }
    })
    .join('');
}
function blk(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.t) {
        case 'h':
          return `<h${b.level}>${inl(b.c)}</h${b.level}>`;
        case 'p':
          return `<p>${inl(b.c)}</p>`;
        case 'hr':
          return '<hr>';
        case 'table':
          return `<table>${b.rows.map((r, i) => `<tr>${r.map((c) => (i ? `<td>${inl(c)}</td>` : `<th>${inl(c)}</th>`)).join('')}</tr>`).join('')}</table>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          const items = b.items.map((i) => `<li${b.ordered ? ` n="${i.marker}"` : ''}>${blk(i.blocks)}</li>`).join('');
          return `<${tag}>${items}</${tag}>`;
        }
      }
    })
    .join('');
}
const md = (source: string) => blk(parse(source).blocks);
/** One paragraph's inline content. */
const line = (source: string) => md(source).replace(/^<p>|<\/p>$/g, '');

describe('Markdown parser (regulation-viewer)', () => {
  describe('headings', () => {
    it('reads ATX headings of every level, without closing hashes', () => {
      expect(md('# One\n## Two ##\n### Three\n#### 4\n##### 5\n###### 6')).to.equal(
        '<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>4</h4><h5>5</h5><h6>6</h6>',
      );
    });
    it('needs a space after the hashes, and at most six of them', () => {
      expect(md('#hashtag')).to.equal('<p>#hashtag</p>');
      expect(md('####### seven')).to.equal('<p>####### seven</p>');
      expect(md('# C#')).to.equal('<h1>C#</h1>');
    });
    it('reads setext headings under a paragraph', () => {
      expect(md('Title\n=====\nSub\n---')).to.equal('<h1>Title</h1><h2>Sub</h2>');
    });
  });

  describe('paragraphs and line breaks', () => {
    it('joins the lines of a paragraph with a space, and splits paragraphs at blank lines', () => {
      expect(md('one\n  two\n\nthree')).to.equal('<p>one two</p><p>three</p>');
    });
    it('makes a hard break from two trailing spaces or a trailing backslash', () => {
      expect(md('a  \nb\\\nc')).to.equal('<p>a<br>b<br>c</p>');
    });
    it('reads Windows and old Mac line endings like Unix ones', () => {
      expect(md('# T\r\n\r\none\r\ntwo  \r\nthree\rfour')).to.equal('<h1>T</h1><p>one two<br>three four</p>');
    });
    it('ignores a byte order mark and trailing spaces at the end of a paragraph', () => {
      expect(md('\uFEFFtext   ')).to.equal('<p>text</p>');
    });
    it('reads a thematic break', () => {
      expect(md('a\n\n***\n\n- - -')).to.equal('<p>a</p><hr><hr>');
    });
  });

  describe('emphasis', () => {
    it('reads *, _, ** and __', () => {
      expect(line('*a* _b_ **c** __d__')).to.equal('<em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong>');
    });
    it('reads *** as strong emphasis around emphasis, and nests them', () => {
      expect(line('***a***')).to.equal('<strong><em>a</em></strong>');
      expect(line('**a *b* c**')).to.equal('<strong>a <em>b</em> c</strong>');
    });
    it('leaves unclosed or spaced delimiters as text', () => {
      expect(line('*a')).to.equal('*a');
      expect(line('**a')).to.equal('**a');
      expect(line('a * b * c')).to.equal('a * b * c');
      expect(line('**a*')).to.equal('*<em>a</em>');
      expect(line('2 * 3 = 6, *')).to.equal('2 * 3 = 6, *');
    });
    it('does not read _ inside a word, but does read * there', () => {
      expect(line('snake_case_name')).to.equal('snake_case_name');
      expect(line('сло*во*')).to.equal('сло<em>во</em>');
    });
    it('lets emphasis span a soft line break', () => {
      expect(line('*one\ntwo*')).to.equal('<em>one two</em>');
    });
    it('has no code spans: backticks are text', () => {
      expect(line('`*a*` <b>')).to.equal('`<em>a</em>` &lt;b>');
    });
  });

  describe('links', () => {
    it('reads [text](url) with an optional title, and <url> destinations', () => {
      expect(line('[a](https://x.ru "T") [b](<https://y.ru/a b>)')).to.equal(
        '<a href="https://x.ru">a</a> <a href="https://y.ru/a b">b</a>',
      );
    });
    it('keeps balanced parentheses in the URL and formatting in the text', () => {
      expect(line('[**Устав**](https://x.ru/wiki/A_(b))')).to.equal('<a href="https://x.ru/wiki/A_(b)"><strong>Устав</strong></a>');
    });
    it('activates only https, http, mailto, tel and in-document links', () => {
      expect(line('[a](http://x) [b](mailto:a@b.ru) [c](tel:+74951234567) [d](#p-4)')).to.equal(
        '<a href="http://x">a</a> <a href="mailto:a@b.ru">b</a> <a href="tel:+74951234567">c</a> <a href="#p-4">d</a>',
      );
      expect(line('[a](javascript:alert(1)) [b](data:text/html,x) [c](vbscript:x) [d](/relative) [e](ftp://x)')).to.equal(
        'a b c d e',
      );
    });
    it('judges the URL after resolving escapes and entities', () => {
      expect(line('[a](&#106;avascript:alert(1))')).to.equal('a');
      expect(line('[a](&#x6A;avascript:alert(1))')).to.equal('a');
      expect(line('[a](https://x.ru/?a=1&amp;b=2)')).to.equal('<a href="https://x.ru/?a=1&b=2">a</a>');
    });
    it('reads autolinks and e-mail autolinks; other schemes stay text', () => {
      expect(line('<https://x.ru/a?b=c> <info@school.ru> <javascript:alert(1)>')).to.equal(
        '<a auto href="https://x.ru/a?b=c">https://x.ru/a?b=c</a> <a auto href="mailto:info@school.ru">info@school.ru</a> &lt;javascript:alert(1)>',
      );
    });
    it('links bare URLs without the punctuation around them', () => {
      expect(line('См. https://eljur.ru/obuchenie, а также (http://x.ru/a).')).to.equal(
        'См. <a auto href="https://eljur.ru/obuchenie">https://eljur.ru/obuchenie</a>, а также (<a auto href="http://x.ru/a">http://x.ru/a</a>).',
      );
      expect(line('*https://x.ru*')).to.equal('<em><a auto href="https://x.ru">https://x.ru</a></em>');
      expect(line('https:// alone, xhttps://x.ru')).to.equal('https:// alone, xhttps://x.ru');
    });
    it('links bare www. addresses as Word documents write them (GFM), and nothing that only starts like one', () => {
      expect(line('Сайт: www.eljur.ru/help. Ещё (www.school.ru).')).to.equal(
        'Сайт: <a auto href="http://www.eljur.ru/help">www.eljur.ru/help</a>. Ещё (<a auto href="http://www.school.ru">www.school.ru</a>).',
      );
      expect(line('www. alone, www.local, awww.x.ru, www')).to.equal('www. alone, www.local, awww.x.ru, www');
    });
    it('leaves brackets that are not links as text, and never nests links', () => {
      expect(line('[a] [b](nope [c]')).to.equal('[a] [b](nope [c]');
      expect(line('[[a](https://in)](https://out)')).to.equal('<a href="https://out">[a](https://in)</a>');
      expect(line('[see https://x.ru](https://y.ru)')).to.equal('<a href="https://y.ru">see https://x.ru</a>');
    });
  });

  describe('escapes, entities and raw HTML', () => {
    it('reads backslash escapes and entities as the characters they stand for', () => {
      expect(line('\\*a\\* \\[b] &laquo;c&raquo; &#8470; &#x41; &bogus; \\q')).to.equal('*a* [b] «c» № A &amp;bogus; \\q');
    });
    it('replaces invalid code points', () => {
      expect(line('&#0; &#xD800; &#99999999;')).to.equal('\ufffd \ufffd &amp;#99999999;');
    });
    it('keeps raw HTML as text', () => {
      expect(md('<script>alert(1)</script>\n\n<!-- c -->')).to.equal('<p>&lt;script>alert(1)&lt;/script></p><p>&lt;!-- c --></p>');
    });
  });

  describe('lists', () => {
    it('reads bullet lists with -, + and *; a new bullet character starts a new list', () => {
      expect(md('- a\n- b\n+ c\n* d')).to.equal('<ul><li><p>a</p></li><li><p>b</p></li></ul><ul><li><p>c</p></li></ul><ul><li><p>d</p></li></ul>');
    });
    it('keeps the numbers written in the source, repeated ones included', () => {
      expect(md('1. a\n2. b\n5. c\n5. d')).to.equal('<ol><li n="1."><p>a</p></li><li n="2."><p>b</p></li><li n="5."><p>c</p></li><li n="5."><p>d</p></li></ol>');
    });
    it('starts a new list when the delimiter changes from 1. to 1)', () => {
      expect(md('1. a\n2) b')).to.equal('<ol><li n="1."><p>a</p></li></ol><ol><li n="2)"><p>b</p></li></ol>');
    });
    it('nests lists by indentation', () => {
      expect(md('1. a\n   - b\n     1) c\n   - d\n2. e')).to.equal(
        '<ol><li n="1."><p>a</p><ul><li><p>b</p><ol><li n="1)"><p>c</p></li></ol></li><li><p>d</p></li></ul></li><li n="2."><p>e</p></li></ol>',
      );
    });
    it('keeps indented paragraphs after blank lines in the item, and ends the list at an unindented one', () => {
      expect(md('1. a\n\n   b\n\n2. c\n\nd')).to.equal('<ol><li n="1."><p>a</p><p>b</p></li><li n="2."><p>c</p></li></ol><p>d</p>');
    });
    it('reads lazy continuation lines as part of the item', () => {
      expect(md('- a\nb\n- c')).to.equal('<ul><li><p>a b</p></li><li><p>c</p></li></ul>');
    });
    it('lets a list interrupt a paragraph, and an N.M. line start a new paragraph', () => {
      expect(md('Text:\n- a')).to.equal('<p>Text:</p><ul><li><p>a</p></li></ul>');
      expect(md('1. Общие положения\n1.1. Первый\n1.2 Второй')).to.equal('<ol><li n="1."><p>Общие положения</p></li></ol><p>1.1. Первый</p><p>1.2 Второй</p>');
    });
    it('starts a new paragraph at a number with no space after its dot, not at a decimal', () => {
      expect(md('3.Пункт\n3.1.Подпункт\n3.2.Ещё')).to.equal('<p>3.Пункт</p><p>3.1.Подпункт</p><p>3.2.Ещё</p>');
      expect(md('Срок\n2.5кг\n3.5%')).to.equal('<p>Срок 2.5кг 3.5%</p>');
    });
    it('reads an empty item and tabs as indentation', () => {
      expect(md('-\n-\tb\n\t- c')).to.equal('<ul><li></li><li><p>b</p><ul><li><p>c</p></li></ul></li></ul>');
    });
  });

  describe('tables', () => {
    it('reads a pipe table: the first row is the header, cells have inline Markdown', () => {
      expect(md('| Канал | Время |\n|---|:-:|\n| **Почта** | [9–18](https://x.ru) |\nЧат | 24/7')).to.equal(
        '<table><tr><th>Канал</th><th>Время</th></tr><tr><td><strong>Почта</strong></td><td><a href="https://x.ru">9–18</a></td></tr><tr><td>Чат</td><td>24/7</td></tr></table>',
      );
    });
    it('needs the delimiter row', () => {
      expect(md('| a | b |\n| c | d |')).to.equal('<p>| a | b | | c | d |</p>');
      expect(md('a | b\n---')).to.equal('<h2>a | b</h2>');
    });
    it('ends at a blank line, and interrupts a paragraph', () => {
      expect(md('Контакты:\n| a |\n|---|\n| b |\n\nТекст')).to.equal('<p>Контакты:</p><table><tr><th>a</th></tr><tr><td>b</td></tr></table><p>Текст</p>');
    });
    it('keeps raw HTML in a cell as text', () => {
      expect(md('| <img src=x onerror=alert(1)> |\n|---|')).to.equal('<table><tr><th>&lt;img src=x onerror=alert(1)></th></tr></table>');
    });
  });

  describe('document metadata', () => {
    it('takes the lines before the first # heading as the approval block, one group per blank-line run', () => {
      const doc = parse('Согласовано\nПротокол № 1\n\nПринято\n\n# Регламент\n\nТекст');
      expect(doc.meta.map((g) => g.map(inl))).to.deep.equal([['Согласовано', 'Протокол № 1'], ['Принято']]);
      expect(blk(doc.blocks)).to.equal('<h1>Регламент</h1><p>Текст</p>');
    });
    it('has no approval block without a # heading, or when the heading comes first', () => {
      expect(parse('Текст\n\n## Раздел').meta).to.deep.equal([]);
      expect(parse('# Регламент\n\nТекст').meta).to.deep.equal([]);
    });
  });

  describe('hostile and large input', () => {
    // Quadratic work on these would take minutes; the limit leaves room for coverage and a busy machine.
    it('parses a 200 000-character line with many unclosed delimiters in linear time', () => {
      const start = performance.now();
      parse('*a _b [c `d <e **f &amp '.repeat(10_000));
      parse('['.repeat(100_000) + ']'.repeat(10));
      parse('*a '.repeat(60_000) + 'b*');
      expect(performance.now() - start).to.be.below(4000);
    });
    it('does not overflow the stack on deep nesting', () => {
      expect(() => parse('- '.repeat(5_000) + 'x')).not.to.throw();
      expect(() => parse('*'.repeat(5_000) + 'x' + '*'.repeat(5_000))).not.to.throw();
      expect(() => parse('**a '.repeat(5_000) + 'b' + '** '.repeat(5_000))).not.to.throw();
      expect(() => parse('['.repeat(3_000) + 'a' + '](https://x)'.repeat(3_000))).not.to.throw();
    });
  });

  it('accepts only the safe link schemes', () => {
    for (const ok of ['https://x', 'HTTP://x', 'mailto:a@b', 'tel:1', '#p-1']) expect(safeHref(ok), ok).to.equal(ok);
    for (const bad of ['javascript:x', ' javascript:x', 'java\tscript:x', 'data:x', 'vbscript:x', '//x', 'x', '']) {
      expect(safeHref(bad), bad).to.equal('');
    }
  });

  it('reads a relative link against the regulation\'s own address, and never lets a scheme through that way', () => {
    const base = 'https://school.ru/docs/regulation.md';
    expect(safeHref('consent.pdf', base)).to.equal('https://school.ru/docs/consent.pdf');
    expect(safeHref('/privacy', base)).to.equal('https://school.ru/privacy');
    expect(safeHref('../forms/a%20b.pdf?x=1#y', base)).to.equal('https://school.ru/forms/a%20b.pdf?x=1#y');
    for (const bad of ['javascript:x', ' javascript:x', 'java\tscript:x', 'JavaScript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd']) {
      expect(safeHref(bad, base), bad).to.equal('');
    }
    // A page opened from disk gives file: addresses, which stay text.
    expect(safeHref('consent.pdf', 'file:///C:/site/regulation.md')).to.equal('');
    const doc = parse('[Согласие](consent.pdf) и [политика](/privacy "Политика")', base);
    expect(blk(doc.blocks)).to.equal('<p><a href="https://school.ru/docs/consent.pdf">Согласие</a> и <a href="https://school.ru/privacy">политика</a></p>');
  });
});

describe('numbered points (regulation-viewer)', () => {
  it('anchors top-level ordered items and N. / N.M. paragraphs; repeats get -2, -3', () => {
    const doc = parse('# T\n\n1. a\n   1. nested\n5. b\n5. c\n\n5\\. d\n\n4.2. e\n\n4.2 f\n\n2021 год\n\n- 3.1. g');
    const { toc, repeated } = numberPoints(doc);
    expect(toc.map((e) => e.id)).to.deep.equal(['p-1', 'p-5', 'p-5-2', 'p-5-3', 'p-4.2', 'p-4.2-2', 'p-3.1']);
    expect(toc.map((e) => e.level)).to.deep.equal([1, 1, 1, 1, 2, 2, 2]);
    expect(repeated).to.deep.equal(['5', '4.2']);
  });

  it('anchors points with a bold number or no space after the dot, not decimals or years', () => {
    const doc = parse('# T\n\n**1.** Общие положения\n\n**2. Цели** школы\n\n3.Пункт\n3.1.Подпункт\n\n2.5кг\n\n**2021** год\n\n7.5');
    expect(numberPoints(doc).toc.map((e) => e.id)).to.deep.equal(['p-1', 'p-2', 'p-3', 'p-3.1']);
  });

  it('anchors a numbered heading as its point, not the title, and counts its number with the others', () => {
    const doc = parse('# 1. Регламент\n\n## 1. Общие положения\n\n1.1. Текст\n\n## 2. Специалисты\n\n## Приложение\n\n2. Повтор');
    const { toc, repeated } = numberPoints(doc);
    expect(doc.blocks[0]).to.include({ id: 'h-1' });
    expect(toc.map((e) => [e.id, e.level, e.point])).to.deep.equal([
      ['p-1', 2, false],
      ['p-1.1', 2, true],
      ['p-2', 2, false],
      ['h-4', 2, false],
      ['p-2-2', 1, true],
    ]);
    expect(repeated).to.deep.equal(['2']);
  });

  it('anchors headings, keeps the title out of the contents, and labels entries with their number', () => {
    const doc = parse(`# Title\n\n## Раздел *первый*\n\n1. ${'слово '.repeat(30)}`);
    const { toc } = numberPoints(doc);
    expect(doc.blocks[0]).to.include({ id: 'h-1' });
    expect(toc[0]).to.deep.equal({ id: 'h-2', label: 'Раздел первый', level: 2, point: false });
    expect(toc[1].label).to.match(/^1\. слово слово .*…$/);
    expect(toc[1].label.length).to.be.at.most(81);
  });
});

describe('search normalization (regulation-viewer)', () => {
  it('ignores case and treats ё as е, keeping every position', () => {
    expect(occurrences('Ёлка ЁЖ Пётр', 'елка еж петр')).to.deep.equal([[0, 12]]);
    expect(occurrences('елка еж петр', 'ЁЛКА ЁЖ ПЁТР')).to.deep.equal([[0, 12]]);
    expect(occurrences('İstanbul Ёж', 'еж')).to.deep.equal([[9, 11]]);
  });
  it('finds non-overlapping occurrences', () => {
    expect(occurrences('аааа', 'аа')).to.deep.equal([[0, 2], [2, 4]]);
    expect(occurrences('abc', '')).to.deep.equal([]);
    expect(occurrences('abc', '  ')).to.deep.equal([]);
    expect(occurrences('a\0b a b', 'a\0b')).to.deep.equal([[4, 7]]);
  });
  it('matches the words of the query with any white space between them, and its other characters literally', () => {
    expect(occurrences('это важно\n для  всех', ' ВАЖНО   для ')).to.deep.equal([[4, 14]]);
    expect(occurrences('важнодля', 'важно для')).to.deep.equal([]);
    expect(occurrences('a.b axb (c) [d]+', 'a.b')).to.deep.equal([[0, 3]]);
    expect(occurrences('a.b axb (c) [d]+', '(c) [d]+')).to.deep.equal([[8, 16]]);
  });
});
