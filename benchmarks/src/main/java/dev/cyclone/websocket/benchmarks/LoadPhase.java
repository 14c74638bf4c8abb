package dev.cyclone.websocket.benchmarks;

/**
 * Where a {@link LoadTool} run is on one endpoint; every connection reads it on each
 * echo.
 */
enum LoadPhase {

	/** Messages flow and are checked, but neither counted nor timed. */
	WARMUP,

	/** Messages flow, are checked, counted and timed. */
	MEASURE,

	/**
	 * No new message is sent; the ones in flight are still checked. Also the phase of an
	 * endpoint while another is measured.
	 */
	DRAIN,

	/** The run is over and the connections are being closed: a close is no failure. */
	DONE

}
