/** A panel that says what is coming, for sections not built yet. */
export function PlaceholderPanel({ title, coming }: { title: string; coming: string }) {
  return (
    <section className="placeholder">
      <h2>{title}</h2>
      <p>{coming}</p>
    </section>
  );
}
