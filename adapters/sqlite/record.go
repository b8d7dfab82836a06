package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/gongzhi/gongzhi/internal/keyset"
)

// column is an extra column written beside a JSON record.
type column struct {
	name  string
	value any
}

// putRecord runs putVersioned as one write and turns a refused write into
// conflict. then, if not nil, runs after the record is written, in the
// same transaction (update says whether the record existed before); its
// error undoes the write.
func (db *DB) putRecord(ctx context.Context, op, table, id string, version int64, v any, conflict error,
	then func(ctx context.Context, q querier, update bool) error, extra ...column) (int64, error) {
	doc, err := json.Marshal(v)
	if err != nil {
		return 0, wrap(op+": encode", err)
	}
	err = db.writer.do(ctx, func(ctx context.Context, q querier) error {
		ok, err := putVersioned(ctx, q, table, id, version, string(doc), extra...)
		if err == nil && !ok {
			err = fmt.Errorf("sqlite: %s %s at version %d: %w", table, id, version, conflict)
		}
		if err == nil && then != nil {
			err = then(ctx, q, version > 0)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	return version + 1, nil
}

// putVersioned writes doc under id in table with the rule shared by
// agenda and project records: version 0 creates, otherwise the stored
// version must equal version. It reports whether the write happened.
func putVersioned(ctx context.Context, q querier, table, id string, version int64, doc string, extra ...column) (bool, error) {
	cols := []string{"id", "version", "doc"}
	args := []any{id, version + 1, doc}
	for _, c := range extra {
		cols = append(cols, c.name)
		args = append(args, c.value)
	}
	var query string
	if version == 0 {
		query = "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (?" +
			strings.Repeat(", ?", len(cols)-1) + ") ON CONFLICT (id) DO NOTHING"
	} else {
		set := make([]string, len(cols)-1)
		for i, c := range cols[1:] {
			set[i] = c + " = ?"
		}
		query = "UPDATE " + table + " SET " + strings.Join(set, ", ") + " WHERE id = ? AND version = ?"
		args = append(append(args[1:], id), version)
	}
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// getVersioned reads the JSON record id of table into v and its version
// into version; a missing record is sql.ErrNoRows.
func getVersioned(ctx context.Context, q querier, table, id string, v any, version *int64) error {
	var doc string
	var ver int64
	if err := q.QueryRowContext(ctx, "SELECT doc, version FROM "+table+" WHERE id = ?", id).Scan(&doc, &ver); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(doc), v); err != nil {
		return fmt.Errorf("decoding stored %s %s: %w", table, id, err)
	}
	*version = ver
	return nil
}

// streamVersioned yields every record of table in id order, a page at a
// time; setVersion stores the row's version in the decoded value.
func streamVersioned[T any](ctx context.Context, db *DB, table string, pageSize int, setVersion func(*T, int64)) iter.Seq2[T, error] {
	return streamWhere(ctx, db, table, "1", nil, pageSize, setVersion)
}

// streamWhere yields the records of table that meet cond, an SQL
// condition on its rows whose parameters are args, in id order, a page at
// a time.
func streamWhere[T any](ctx context.Context, db *DB, table, cond string, args []any, pageSize int, setVersion func(*T, int64)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		after, first := "", true
		keyset.Pages(ctx, pageSize, func(ctx context.Context) ([]T, error) {
			query := "SELECT id, version, doc FROM " + table + " WHERE (" + cond + ") AND id " + after1(first) + " ? ORDER BY id LIMIT ?"
			page, last, err := versionedPage(ctx, db, query, setVersion, append(slices.Clip(args), after, pageSize)...)
			after, first = last, false
			return page, wrap("list "+table, err)
		})(yield)
	}
}

func versionedPage[T any](ctx context.Context, db *DB, query string, setVersion func(*T, int64), args ...any) ([]T, string, error) {
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var page []T
	var last string
	for rows.Next() {
		var ver int64
		var doc string
		var v T
		if err := rows.Scan(&last, &ver, &doc); err != nil {
			return nil, "", err
		}
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			return nil, "", err
		}
		setVersion(&v, ver)
		page = append(page, v)
	}
	return page, last, rows.Err()
}

// noRows reports whether err is sql.ErrNoRows.
func noRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
