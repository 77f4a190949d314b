package io.fxpipeline.ingest.feed;

import io.fxpipeline.model.message.Candle;

import java.time.Instant;
import java.util.List;

/**
 * One answer of a candle feed after validation.
 *
 * @param candles    the valid, complete candles, ascending by time, no duplicates
 * @param rejections what was kept out, one entry per candle (or one for a malformed answer)
 * @param received   how many candle entries the answer held, valid or not: a page shorter than asked is the last
 * @param lastTime   the newest time the answer held (the next page starts after it), or null when none
 * @param forming    whether the answer reached the still-forming candle (there is nothing newer to page to)
 * @param failure    why the answer as a whole could not be read (truncated JSON…), or null
 * @param pending    candles of the answer still forming (its newest, marked incomplete): expected, stored once
 *                   complete, so neither valid nor a rejection
 */
public record CandlePage(List<Candle> candles, List<CandleRejection> rejections, int received, Instant lastTime,
        boolean forming, String failure, int pending) {

    /** A page without a forming candle among its entries (a recorded feed stops before it). */
    public CandlePage(List<Candle> candles, List<CandleRejection> rejections, int received, Instant lastTime,
            boolean forming, String failure) {
        this(candles, rejections, received, lastTime, forming, failure, 0);
    }
}
