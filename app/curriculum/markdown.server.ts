import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize'
import rehypeSlug from 'rehype-slug'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'

export type Heading = { id: string; text: string; depth: 2 | 3 }

/** Collects h2/h3 headings (after slugs are added) for the table of contents. */
function collectHeadings(into: Heading[]) {
  return () => (tree: Root) => {
    const visit = (node: Root | Element) => {
      for (const child of node.children) {
        if (child.type !== 'element') continue
        if ((child.tagName === 'h2' || child.tagName === 'h3') && typeof child.properties.id === 'string') {
          into.push({ id: child.properties.id, text: toString(child), depth: child.tagName === 'h2' ? 2 : 3 })
        }
        visit(child)
      }
    }
    visit(tree)
  }
}

/**
 * Puts each table in a box that scrolls sideways on a narrow screen, and can be scrolled by keyboard
 * (it takes the focus), so a wide table never makes the whole page wider than a phone.
 */
function scrollableTables() {
  return () => (tree: Root) => {
    let n = 0
    const visit = (node: Root | Element) => {
      node.children = node.children.map((child) => {
        if (child.type !== 'element') return child
        if (child.tagName !== 'table') {
          visit(child)
          return child
        }
        n += 1
        return {
          type: 'element',
          tagName: 'div',
          properties: { className: ['table-scroll'], tabIndex: 0, role: 'group', ariaLabel: `Table ${n}` },
          children: [child],
        } satisfies Element
      })
    }
    visit(tree)
  }
}

/**
 * Markdown to safe HTML on the server (no parser ships to the browser). Raw HTML
 * is never passed through: remark-rehype drops it and rehype-sanitize removes
 * anything dangerous that remains (scripts, event handlers, javascript: links).
 */
export function renderMarkdown(markdown: string): { html: string; headings: Heading[] } {
  const headings: Heading[] = []
  const html = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype)
    // remark-rehype already prefixes footnote ids with `user-content-` (and raw HTML, the only other source of
    // ids, is dropped), so a second prefix here would only break the footnote links.
    .use(rehypeSanitize, { ...defaultSchema, clobberPrefix: '' })
    .use(rehypeSlug)
    .use(collectHeadings(headings))
    .use(scrollableTables())
    .use(rehypeStringify)
    .processSync(markdown)
    .toString()
  return { html, headings }
}
