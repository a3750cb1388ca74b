/** A labelled progress bar: "3 / 8 lessons complete". */
export function ProgressMeter({ label, value, max, detail }: { label: string; value: number; max: number; detail?: string }) {
  return (
    <div className="meter">
      <div className="meter-label">
        <span>{label}</span>
        <span>
          {value} / {max}
          {detail ? <span className="muted"> {detail}</span> : null}
        </span>
      </div>
      <progress value={Math.min(value, max)} max={max || 1} aria-label={`${label}: ${value} of ${max}`} />
    </div>
  )
}
