/**
 * The blog's one HTML page: the posts, a form that writes a new one through
 * the JSON API, and where the database stands in its migrations.
 */
import type { MigrationStatus } from 'athanor'
import type { PostSummary, User } from './blog-store.js'

/** What the page shows. */
export interface BlogPageData {
  readonly posts: readonly PostSummary[]
  readonly users: readonly User[]
  readonly status: MigrationStatus
}

/**
 * Renders the page; every value from the database is HTML-escaped.
 *
 * @example
 * reply.type('text/html').send(renderBlogPage({ posts, users, status }))
 */
export function renderBlogPage({ posts, users, status }: BlogPageData): string {
  const articles = posts.map(
    (post) => `
    <article class="post" data-id="${post.id}">
      <h2>${escape(post.title)}</h2>
      <p class="meta">by <span class="author">${escape(post.author)}</span> · <span class="status">${escape(post.status)}</span> ·
        <span class="comments">${post.commentCount} comment${post.commentCount === 1 ? '' : 's'}</span></p>
      <ul class="tags">${post.tags.map((tag) => `<li>${escape(tag)}</li>`).join('')}</ul>
    </article>`,
  )
  const authors = users.map((user) => `<option value="${user.id}">${escape(user.name)}</option>`).join('')
  const at = status.current.length === 0 ? 'base' : status.current.join(', ')
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>athanor blog</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
    .post { border-bottom: 1px solid #ddd; padding: 0.5rem 0; }
    .post h2 { margin: 0; font-size: 1.2rem; }
    .meta { margin: 0; color: #666; font-size: 0.9rem; }
    .tags { display: flex; gap: 0.4rem; list-style: none; padding: 0; margin: 0.3rem 0 0; }
    .tags li { background: #eef; border-radius: 0.3rem; padding: 0 0.4rem; font-size: 0.8rem; }
    form { display: grid; gap: 0.4rem; margin: 1.5rem 0; }
    footer { color: #666; font-size: 0.8rem; margin-top: 2rem; }
  </style>
</head>
<body>
  <h1>athanor blog</h1>
  <section id="posts">${articles.join('')}
  </section>
  <form id="new-post">
    <h2>New post</h2>
    <select name="authorId" aria-label="author">${authors}</select>
    <input name="title" placeholder="Title" required>
    <textarea name="body" placeholder="What happened" required></textarea>
    <input name="tags" placeholder="tags, comma separated">
    <button type="submit">Publish</button>
    <p id="form-error" role="alert"></p>
  </form>
  <footer id="db-status" data-up-to-date="${status.upToDate}">database at ${escape(at)} · ${status.upToDate ? 'up to date' : `${status.pending.length} pending`}</footer>
  <script>
    document.getElementById('new-post').addEventListener('submit', async (event) => {
      event.preventDefault()
      const form = new FormData(event.target)
      const tags = String(form.get('tags') || '').split(',').map((tag) => tag.trim()).filter(Boolean)
      const response = await fetch('/api/posts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ authorId: Number(form.get('authorId')), title: form.get('title'), body: form.get('body'), tags }),
      })
      if (response.ok) location.reload()
      else document.getElementById('form-error').textContent = (await response.json()).error
    })
  </script>
</body>
</html>
`
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
